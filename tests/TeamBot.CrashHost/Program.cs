using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.AcceptanceTests;
using TeamBot.Agents;
using TeamBot.CrashHost;
using TeamBot.Execution;
using TeamBot.Objectives;
using TeamBot.Rules;
using TeamBot.State;

// Usage: TeamBot.CrashHost <run folder> <agent calls file> <attempt>
// Runs (or resumes) the repo's workflow with agents that take a while and record every call, so a test can kill this
// process at any moment and check what ran again.
string runDirectory = args[0];
string calls = args[1];
string attempt = args[2];
var store = new FileStateStore(runDirectory);
var agent = new SlowAgent(calls, attempt);
var runner = new WorkflowRunner<Stage>(Workflow.Definition, AgentRegistry.ForAll(agent), store, new WorkflowRunnerOptions { WorkingDirectory = runDirectory });
var objective = new Objective { Title = "Crash test", FeatureName = "crash-test" };
WorkflowResult result = File.Exists(store.StatePath)
    ? await runner.ResumeAsync(objective)
    : await runner.RunAsync(objective);
Console.WriteLine($"RESULT {RunStatusText.ToText(result.Status)}");
return result.Succeeded ? 0 : 1;

namespace TeamBot.CrashHost
{
    /// <summary>Writes START and END lines around each call, with a pause between, and always succeeds.</summary>
    internal sealed class SlowAgent(string calls, string attempt) : IStageAgent
    {
        private static readonly Lock CallsLock = new();

        public async Task<AgentResponse> RunAsync(AgentRequest request, CancellationToken cancellationToken)
        {
            Write($"START {attempt} {request.Context.Stage} {request.Task} {request.AgentId}");
            await Task.Delay(Random.Shared.Next(40, 120), cancellationToken);
            Write($"END {attempt} {request.Context.Stage} {request.Task} {request.AgentId}");
            return new AgentResponse
            {
                Output = request.Task == AgentTask.Review ? "VERIFIED_APPROVED: fine" : $"{request.Context.Stage} by {request.AgentId}",
                Artifacts = request.Context.RequiredArtifacts.ToDictionary(path => path, path => path == "feature_spec.md" ? Spec : $"# {path}\n"),
                ScenarioResults = request.Context.Scenarios.Select(s => new ScenarioResult(s.Id, ScenarioOutcome.Passed)).ToImmutableArray(),
            };
        }

        private void Write(string line)
        {
            lock (CallsLock)
            {
                using var stream = new FileStream(calls, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
                using var writer = new StreamWriter(stream);
                writer.WriteLine(line);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
        }

        private const string Spec = "# Spec\n\n## Acceptance Test Scenarios\n\n### AT-001: Works\n**Description**: It works.\n**Expected Result**: Yes.\n";
    }
}
