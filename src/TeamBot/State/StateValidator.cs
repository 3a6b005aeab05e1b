using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Linq;

namespace TeamBot.State;

/// <summary>
/// Checks a saved state and its journal entries between deserialization and the rules: a hand-edited or hostile file
/// fails here with the file, the JSON path and the bad value named, never later with a stack trace, a loop without end
/// or a time that is not one.
/// </summary>
/// <remarks>
/// The JSON reader already refuses wrong types; what it lets through is null where a value belongs, numbers outside
/// what the rules can count, and texts that are not one of a field's values.
/// </remarks>
internal sealed class StateValidator
{
    /// <summary>The longest time a state may record: a century, far past any run, far below what TimeSpan holds.</summary>
    public const double MaxSeconds = 100 * 365.25 * 24 * 3600;

    /// <summary>The most iterations a loop counter may hold unless the workflow declares a larger bound.</summary>
    public const int MaxIterations = 10_000;

    private static readonly string[] MemberStatuses = ["pending", "completed", "failed"];

    private readonly string _location;
    private readonly string _what;
    private readonly int _maxIterations;

    private StateValidator(string location, string what, int maxIterations)
    {
        _location = location;
        _what = what;
        _maxIterations = Math.Max(MaxIterations, maxIterations);
    }

    /// <summary>Checks a state document.</summary>
    /// <param name="document">The state as read.</param>
    /// <param name="location">Where it was read from, for the error.</param>
    /// <param name="maxIterations">The largest loop bound the workflow or the run's policy declares.</param>
    /// <exception cref="WorkflowStateException">A value is missing, out of range or unknown.</exception>
    public static void Validate(OrchestrationStateDocument document, string location, int maxIterations) =>
        new StateValidator(location, "state file", maxIterations).Check(document);

    /// <summary>Checks one journal entry.</summary>
    /// <exception cref="WorkflowStateException">A value is out of range.</exception>
    public static void Validate(JournalEntry entry, string location, int maxIterations) =>
        new StateValidator(location, "journal", maxIterations).Check(entry);

    private void Check(OrchestrationStateDocument document)
    {
        if (document.Status is { } status && !RunStatusText.TryParse(status, out _))
        {
            Fail("$.status", Quoted(status), "is not a run status (in_progress, complete, error, cancelled, timeout, review_failed or acceptance_test_failed)");
        }

        Seconds("$.elapsed_seconds", document.ElapsedSeconds);
        Seconds("$.max_seconds", document.MaxSeconds);
        Iterations("$.acceptance_test_iterations", document.AcceptanceTestIterations, 0);
        if (document.JournalSequence is < 0)
        {
            Fail("$.journal_sequence", Number(document.JournalSequence.Value), "is negative");
        }

        Required("$.stage_outputs", document.StageOutputs);
        foreach ((string stage, string? output) in document.StageOutputs)
        {
            Required(Path("$.stage_outputs", stage), output);
        }

        Required("$.acceptance_test_history", document.AcceptanceTestHistory);
        for (int i = 0; i < document.AcceptanceTestHistory.Count; i++)
        {
            string at = $"$.acceptance_test_history[{i}]";
            AcceptanceHistoryEntry entry = Required(at, document.AcceptanceTestHistory[i]);
            Iterations(at + ".iteration", entry.Iteration, 0);
            Count(at + ".passed", entry.Passed);
            Count(at + ".failed", entry.Failed);
            Count(at + ".total", entry.Total);
        }

        foreach ((string group, GroupStatusEntry? entry) in document.ParallelGroupStatus ?? [])
        {
            string at = Path("$.parallel_group_status", group);
            Required(at + ".stages", Required(at, entry).Stages);
            foreach ((string member, MemberStatusEntry? memberEntry) in entry.Stages)
            {
                string memberAt = Path(at + ".stages", member);
                string? memberStatus = Required(memberAt, memberEntry).Status;
                if (!MemberStatuses.Contains(Required(memberAt + ".status", memberStatus), StringComparer.Ordinal))
                {
                    Fail(memberAt + ".status", Quoted(memberStatus), "is not a member status (pending, completed or failed)");
                }
            }
        }

        for (int i = 0; i < (document.CompletedStages?.Count ?? 0); i++)
        {
            Required($"$.completed_stages[{i}]", document.CompletedStages![i]);
        }

        foreach ((string stage, int iterations) in document.ReviewIterations ?? [])
        {
            Iterations(Path("$.review_iterations", stage), iterations, 0);
        }

        for (int i = 0; i < (document.ReviewAttempts?.Count ?? 0); i++)
        {
            string at = $"$.review_attempts[{i}]";
            ReviewAttemptEntry attempt = Required(at, document.ReviewAttempts![i]);
            Iterations(at + ".iteration", attempt.Iteration, 1);
            Required(at + ".work", attempt.Work);
        }

        foreach ((string stage, List<ToolCallEntry>? calls) in document.ToolCalls ?? [])
        {
            string at = Path("$.tool_calls", stage);
            for (int i = 0; i < Required(at, calls).Count; i++)
            {
                Required($"{at}[{i}]", calls[i]);
            }
        }

        if (document.MaxTokens is <= 0)
        {
            Fail("$.max_tokens", Number(document.MaxTokens.Value), "is not a token budget (it must be more than zero)");
        }

        if (document.MaxCost is <= 0)
        {
            Fail("$.max_cost", document.MaxCost.Value.ToString(CultureInfo.InvariantCulture), "is not a cost budget (it must be more than zero)");
        }

        for (int i = 0; i < (document.Prices?.Count ?? 0); i++)
        {
            string at = $"$.prices[{i}]";
            PriceEntry price = Required(at, document.Prices![i]);
            Required(at + ".model", price.Model);
            if (price.Input < 0 || price.Output < 0)
            {
                Fail(at, $"{price.Input.ToString(CultureInfo.InvariantCulture)}/{price.Output.ToString(CultureInfo.InvariantCulture)}", "is not a price (it is negative)");
            }
        }

        for (int i = 0; i < (document.TokenUsage?.Count ?? 0); i++)
        {
            string at = $"$.token_usage[{i}]";
            UsageEntry line = Required(at, document.TokenUsage![i]);
            Required(at + ".stage", line.Stage);
            Tokens(at, "", line);
            Count(at + ".calls", line.Calls ?? 0);
        }

        if (document.Agent is { } agent)
        {
            Required("$.agent.kind", agent.Kind);
            foreach ((string name, string? value) in agent.Settings ?? [])
            {
                Required(Path("$.agent.settings", name), value);
            }
        }

        if (document.ExecutionPolicy is { } policy)
        {
            Iterations("$.execution_policy.max_review_iterations", policy.MaxReviewIterations, 1);
            Iterations("$.execution_policy.max_acceptance_runs", policy.MaxAcceptanceRuns, 1);
        }
    }

    private void Check(JournalEntry entry)
    {
        string at = $"entry {entry.Sequence.ToString(CultureInfo.InvariantCulture)}";
        if (entry.Sequence < 1)
        {
            Fail("$.seq of " + at, Number(entry.Sequence), "is not a positive entry number");
        }

        Seconds($"$.elapsed_seconds of {at}", entry.ElapsedSeconds);
        if (entry.Iteration is { } iteration)
        {
            Iterations($"$.iteration of {at}", iteration, 1);
        }

        Count($"$.passed of {at}", entry.Passed ?? 0);
        Count($"$.failed of {at}", entry.Failed ?? 0);
        Count($"$.total of {at}", entry.Total ?? 0);
        for (int i = 0; i < (entry.ToolCalls?.Count ?? 0); i++)
        {
            Required($"$.tool_calls[{i}] of {at}", entry.ToolCalls![i]);
        }

        for (int i = 0; i < (entry.Usage?.Count ?? 0); i++)
        {
            Tokens($"$.usage[{i}]", " of " + at, Required($"$.usage[{i}] of {at}", entry.Usage![i]));
        }
    }

    /// <param name="path">The entry's JSON path.</param>
    /// <param name="where">What follows each field's path: the journal entry, for a journal line.</param>
    /// <param name="usage">The entry.</param>
    private void Tokens(string path, string where, UsageEntry usage)
    {
        Required(path + ".agent" + where, usage.Agent);
        Count(path + ".input_tokens" + where, usage.InputTokens);
        Count(path + ".output_tokens" + where, usage.OutputTokens);
        Count(path + ".total_tokens" + where, usage.TotalTokens);
    }

    private void Seconds(string path, double seconds)
    {
        if (!double.IsFinite(seconds) || seconds < 0 || seconds > MaxSeconds)
        {
            Fail(path, Number(seconds), $"is not a time in seconds from 0 to {Number(MaxSeconds)}");
        }
    }

    private void Iterations(string path, int value, int least)
    {
        if (value < least || value > _maxIterations)
        {
            Fail(path, Number(value), $"is not an iteration from {Number(least)} to {Number(_maxIterations)}");
        }
    }

    private void Count(string path, long value)
    {
        if (value < 0)
        {
            Fail(path, Number(value), "is not a count (it is negative)");
        }
    }

    private T Required<T>(string path, [NotNull] T? value)
        where T : class
    {
        if (value is null)
        {
            Fail(path, "null", "must have a value");
        }

        return value;
    }

    [DoesNotReturn]
    private void Fail(string path, string value, string problem) =>
        throw new WorkflowStateException($"The {_what} '{_location}' is invalid at {path}: {value} {problem}. It was left unchanged; fix or delete it.");

    // Keys are stage and group names: a name that is not a plain word is quoted, so the path reads back unambiguously.
    private static string Path(string parent, string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            ? $"{parent}.{key}"
            : $"{parent}[{Quoted(key)}]";

    private static string Quoted(string? text) =>
        text is null ? "null" : "'" + Escaped(text.Length > 80 ? text[..80] + "…" : text) + "'";

    // A value with a line break or a terminal control sequence must not cut or recolour the message that shows it.
    private static string Escaped(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
