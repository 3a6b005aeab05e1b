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
using TeamBot.Testing;

// Usage: TeamBot.CrashHost <run folder> <agent calls file> <attempt>
// Runs (or resumes) the repo's workflow with slow scripted agents (reviews that reject once, an acceptance run that
// fails once) that record every call, so a test can kill this process at any moment, check what ran again, and compare
// the final state with a run that was never killed.
string runDirectory = args[0];
string calls = args[1];
string attempt = args[2];
var store = new FileStateStore(runDirectory);
ScriptedTeam team = ScriptedTeam.For(Workflow.Definition)
    .RejectReview("SPEC_REVIEW", times: 1)
    .RejectReview("PLAN_REVIEW", times: 1)
    .FailAcceptanceRuns(1);
var agent = new SlowAgent(team, calls, attempt);
var runner = new WorkflowRunner<Stage>(Workflow.Definition, AgentRegistry.ForAll(agent), store, new WorkflowRunnerOptions { WorkingDirectory = runDirectory });
var objective = new Objective { Title = "Crash test", FeatureName = "crash-test" };
WorkflowResult result = File.Exists(store.StatePath)
    ? await runner.ResumeAsync(objective)
    : await runner.RunAsync(objective);
Console.WriteLine($"RESULT {RunStatusText.ToText(result.Status)}");
return result.Succeeded ? 0 : 1;

namespace TeamBot.CrashHost
{
    /// <summary>Writes START and END lines around each call of the scripted team, with a pause between.</summary>
    internal sealed class SlowAgent(ScriptedTeam team, string calls, string attempt) : IStageAgent
    {
        private static readonly Lock CallsLock = new();

        public async Task<AgentResponse> RunAsync(AgentRequest request, CancellationToken cancellationToken)
        {
            Write($"START {attempt} {request.Context.Stage} {request.Task} {request.AgentId}");
            await Task.Delay(Random.Shared.Next(40, 120), cancellationToken);
            AgentResponse response = await team.RunAsync(request, cancellationToken);
            Write($"END {attempt} {request.Context.Stage} {request.Task} {request.AgentId}");
            return response;
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
    }
}
