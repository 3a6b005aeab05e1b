using System;
using TeamBot.Execution;
using TeamBot.Rules;

namespace TeamBot.Hosting.Views;

/// <summary>Words for how a run ended.</summary>
internal static class RunSummary
{
    public static string Describe(WorkflowResult result) =>
        $"{(result.Succeeded ? "completed" : State.RunStatusText.ToText(result.Status))} in {result.Elapsed:hh\\:mm\\:ss}, {result.CompletedStages.Length} stages done{(result.Error is null ? "" : ": " + result.Error)}";
}
