using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Agents;

namespace TeamBot.SiloHost;

/// <summary>
/// The offline agent, slowed down so that a fault lands mid-run, writing a line when each call starts (time, silo, run,
/// stage, task) and stamping every artifact with the stage that produced it: the fault test audits both against the
/// times the stages were saved as completed.
/// </summary>
internal sealed class RecordingAgent(IStageAgent inner, string callsFile, string silo) : IStageAgent
{
    /// <summary>The last line of every artifact: which stage's call produced this write.</summary>
    public const string StampPrefix = "<!-- written by stage ";

    private readonly Lock _lock = new();

    public async Task<AgentResponse> RunAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        // The run's folder is named after the run: <runs folder>/<run>/artifacts.
        string run = Path.GetFileName(Path.GetDirectoryName(request.Context.ArtifactsDirectory))!;
        Record($"START {DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture)} {silo} {run} {request.Context.Stage} {request.Task} {request.AgentId} {request.Context.Iteration.ToString(CultureInfo.InvariantCulture)}");
        await Task.Delay(Random.Shared.Next(50, 150), cancellationToken);
        AgentResponse response = await inner.RunAsync(request, cancellationToken);
        string stamp = $"\n{StampPrefix}{request.Context.Stage} -->\n";
        return response with { Artifacts = response.Artifacts.ToDictionary(artifact => artifact.Key, artifact => artifact.Value + stamp, StringComparer.Ordinal) };
    }

    private void Record(string line)
    {
        lock (_lock)
        {
            using var stream = new FileStream(callsFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            using var writer = new StreamWriter(stream);
            writer.WriteLine(line);
        }
    }
}
