using System;
using System.Globalization;
using TeamBot.Execution;
using TeamBot.Rules;

namespace TeamBot.Hosting.Views;

/// <summary>Words for how a run ended.</summary>
internal static class RunSummary
{
    public static string Describe(WorkflowResult result) =>
        $"{(result.Succeeded ? "completed" : State.RunStatusText.ToText(result.Status))} in {result.Elapsed:hh\\:mm\\:ss}, {result.CompletedStages.Length} stages done{(result.Error is null ? "" : ": " + result.Error)}";

    /// <summary>The run's tokens over all its sessions, or <see langword="null"/> when its agents reported none.</summary>
    public static string? Usage(WorkflowResult result) => result.Usage.TotalTokens == 0
        ? null
        : $"Tokens:    {Tokens(result.Usage.TotalTokens)} ({Tokens(result.Usage.InputTokens)} in, {Tokens(result.Usage.OutputTokens)} out) over all the run's sessions";

    /// <summary>A token count with thousands separators; empty for none.</summary>
    public static string Tokens(long tokens) => tokens == 0 ? "" : tokens.ToString("N0", CultureInfo.InvariantCulture);
}
