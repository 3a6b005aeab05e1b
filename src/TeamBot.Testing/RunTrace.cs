using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using TeamBot.Definitions;
using TeamBot.Rules;
using TeamBot.State;

namespace TeamBot.Testing;

/// <summary>What a run did, as the matrix compares it: the agent calls whose answers it kept, every call it made, its
/// final state and the files in its folder.</summary>
internal sealed record RunTrace(ImmutableArray<AgentCall> Answered, ImmutableHashSet<AgentCall> Made, string State, ImmutableSortedDictionary<string, string> Files)
{
    public static string StateText<TStage>(IWorkflowDefinition<TStage> workflow, SavedRun<TStage> saved)
        where TStage : struct, Enum
    {
        RunState<TStage> state = saved.State;
        OrchestrationStateDocument document = saved.Document;
        var text = new StringBuilder();
        text.Append("feature: ").Append(document.FeatureName).Append(", objective file: ").Append(document.ObjectiveFile)
            .Append(", time budget: ").Append(document.MaxSeconds.ToString(CultureInfo.InvariantCulture))
            .Append(", workflow: ").Append(document.StagesConfigSource).Append('\n');
        if (document.ExecutionPolicy is { } policy)
        {
            text.Append("policy: skip optional ").Append(policy.SkipOptionalStages).Append(", reviews ").Append(policy.MaxReviewIterations)
                .Append(", acceptance runs ").Append(policy.MaxAcceptanceRuns).Append('\n');
        }

        text.Append("unknown fields: ").AppendJoin(", ", (document.Extra ?? []).Keys.Order(StringComparer.Ordinal)).Append('\n');
        text.Append("status: ").Append(state.Status).Append('\n');
        text.Append("current: ").Append(state.CurrentStage is { } current ? workflow.GetStageName(current) : "-").Append('\n');
        text.Append("completed: ").AppendJoin(", ", workflow.StageOrder.Where(state.Completed.Contains).Select(workflow.GetStageName)).Append('\n');
        foreach (TStage stage in workflow.StageOrder.Where(state.Outputs.ContainsKey))
        {
            text.Append("output ").Append(workflow.GetStageName(stage)).Append(": ").Append(state.Outputs[stage]).Append('\n');
        }

        foreach (var (name, group) in state.Groups.OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            foreach (var (member, status) in group.Members.OrderBy(member => workflow.GetStageName(member.Key), StringComparer.Ordinal))
            {
                text.Append("group ").Append(name).Append(' ').Append(workflow.GetStageName(member)).Append(": ").Append(status.Status).Append(' ').Append(status.Error).Append('\n');
            }
        }

        foreach (TStage stage in workflow.StageOrder.Where(state.ReviewIterations.ContainsKey))
        {
            text.Append("review iterations ").Append(workflow.GetStageName(stage)).Append(": ").Append(state.ReviewIterations[stage]).Append('\n');
        }

        foreach (ReviewAttempt attempt in state.ReviewAttempts)
        {
            text.Append("attempt ").Append(attempt).Append('\n');
        }

        text.Append("acceptance: ").Append(state.Acceptance.Iterations).Append(' ').Append(state.Acceptance.Passed).Append(' ').Append(state.Acceptance.Summary).Append('\n');
        foreach (AcceptanceRun run in state.Acceptance.History)
        {
            text.Append("acceptance run ").Append(run).Append(" report ").Append(run.Report).Append('\n');
        }

        foreach (TStage stage in workflow.StageOrder.Where(state.ToolCalls.ContainsKey))
        {
            foreach (ToolCall call in state.ToolCalls[stage])
            {
                text.Append("tool call ").Append(workflow.GetStageName(stage)).Append(": ").Append(call).Append('\n');
            }
        }

        foreach (UsageLine<TStage> line in state.Usage)
        {
            text.Append("usage ").Append(workflow.GetStageName(line.Stage)).Append(' ').Append(line.Agent).Append(' ').Append(line.Model)
                .Append(": ").Append(line.Tokens).Append(" in ").Append(line.Calls).Append(" calls\n");
        }

        text.Append("error: ").Append(state.Error).Append('\n');
        return text.ToString();
    }

    /// <summary>The run folder's files, but the state, journal and lock files, which the state comparison covers; and
    /// the workspace's files under <c>workspace/</c>, when the run has its own.</summary>
    public static ImmutableSortedDictionary<string, string> FilesIn(string directory, string? workspace = null)
    {
        var files = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (workspace is not null && Directory.Exists(workspace))
        {
            foreach (string path in Directory.EnumerateFiles(workspace, "*", SearchOption.AllDirectories))
            {
                files["workspace/" + Path.GetRelativePath(workspace, path).Replace('\\', '/')] = File.ReadAllText(path);
            }
        }

        if (Directory.Exists(directory))
        {
            foreach (string path in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(directory, path).Replace('\\', '/');
                if (!relative.StartsWith("orchestration_state", StringComparison.Ordinal) && !relative.StartsWith('.'))
                {
                    files[relative] = File.ReadAllText(path);
                }
            }
        }

        return files.ToImmutable();
    }
}
