using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Agents;
using TeamBot.Definitions;
using TeamBot.Execution;
using TeamBot.Objectives;
using TeamBot.Rules;
using TeamBot.State;

namespace TeamBot.Analyzers.Tests.Versioning;

/// <summary>Resumes a saved state under a compiled workflow with the in-process runner and an agent that approves everything.</summary>
internal static class ResumeProbe
{
    private static readonly MethodInfo ResumeMethod = typeof(ResumeProbe).GetMethod(nameof(ResumeAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly Objective Objective = new() { Title = "Migrate", FeatureName = "migrate", SourcePath = "objectives/migrate.md" };

    /// <summary>How the resume ended: <c>complete</c>, a status, or <c>refused: message</c> for a state the runtime would not load.</summary>
    public static string Resume(object workflow, OrchestrationStateDocument state)
    {
        Type stage = workflow.GetType().GetInterfaces().Single(type => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IWorkflowDefinition<>)).GetGenericArguments()[0];
        var task = (Task<string>)ResumeMethod.MakeGenericMethod(stage).Invoke(null, [workflow, state])!;
        return task.WaitAsync(TimeSpan.FromMinutes(1)).GetAwaiter().GetResult();
    }

    private static async Task<string> ResumeAsync<TStage>(IWorkflowDefinition<TStage> workflow, OrchestrationStateDocument state)
        where TStage : struct, Enum
    {
        string folder = Path.Combine(Path.GetTempPath(), "teambot-migrate", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var store = new InMemoryStateStore();
            await store.SaveAsync(state, CancellationToken.None);
            var runner = new WorkflowRunner<TStage>(workflow, AgentRegistry.ForAll(new ApprovingAgent()), store, new WorkflowRunnerOptions { WorkingDirectory = folder, RunDirectory = Path.Combine(folder, "run") });
            WorkflowResult result;
            try
            {
                result = await runner.ResumeAsync(Objective);
            }
            catch (WorkflowStateException ex)
            {
                return "refused: " + ex.Message;
            }

            return result.Status == RunStatus.Complete ? "complete" : $"{result.Status}: {result.Error}";
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class ApprovingAgent : IStageAgent
    {
        public Task<AgentResponse> RunAsync(AgentRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new AgentResponse
            {
                Output = request.Task == AgentTask.Review ? "VERIFIED_APPROVED: looks good" : $"{request.Context.Stage} done",
                Artifacts = request.Context.RequiredArtifacts.ToDictionary(path => path, path => $"# {path}\n"),
            });
    }
}
