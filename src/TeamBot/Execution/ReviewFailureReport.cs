using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

using TeamBot.Rules;
using TeamBot.State;

namespace TeamBot.Execution;

/// <summary>
/// The report a review loop leaves when it runs out of iterations, in the Python TeamBot's form: one file per failure,
/// named for when it happened (<c>failures/20260101-093000-plan_review-review-failure.md</c>), with the suggestions
/// found in the reviews and every iteration's work and feedback.
/// </summary>
internal static class ReviewFailureReport
{
    private const int MaxOutputLength = 4000;
    private const string TimestampLine = "**Timestamp**: ";

    public static async Task WriteAsync(RunFileSystem files, string runDirectory, string stage, ImmutableList<ReviewAttempt> attempts, int round, DateTimeOffset now)
    {
        string body = Body(stage, attempts, round);
        string failuresDirectory = Path.Combine(runDirectory, "failures");

        // A run stopped between writing the report and saving the failure decides the same failure again when it
        // resumes: its report is not kept twice. A later round's failure says its round, so it always gets its own.
        string suffix = $"-{stage.ToLowerInvariant()}-review-failure.md";
        IEnumerable<string> reports = Directory.Exists(failuresDirectory) ? Directory.EnumerateFiles(failuresDirectory, "*" + suffix) : [];
        foreach (string existing in reports)
        {
            if (WithoutHeader(await File.ReadAllTextAsync(existing).ConfigureAwait(false)) == body)
            {
                return;
            }
        }

        string stamp = now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        string path = Path.Combine(failuresDirectory, stamp + suffix);
        for (int n = 2; File.Exists(path); n++)
        {
            path = Path.Combine(failuresDirectory, $"{stamp}-{n}{suffix}");
        }

        string header = $"# Review Failure Report: {stage}\n\n{TimestampLine}{now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}\n";
        await RunFiles.WriteAllTextAsync(files, runDirectory, path, header + body, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>A report without its title and timestamp: what two reports of the same failure share.</summary>
    private static string WithoutHeader(string report)
    {
        int line = report.IndexOf(TimestampLine, StringComparison.Ordinal);
        int end = line < 0 ? -1 : report.IndexOf('\n', line);
        return end < 0 ? report : report[(end + 1)..];
    }

    private static string Body(string stage, ImmutableList<ReviewAttempt> attempts, int round)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"**Stage**: {stage}\n**Round**: {round}\n**Iterations**: {attempts.Count}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"## Summary\n\n{stage} was not approved after {attempts.Count} iteration(s).\n\n");
        text.Append("## Suggestions for Resolution\n\n");
        var suggestions = ReviewSuggestions.From(attempts.Select(attempt => attempt.Review));
        text.Append(suggestions.Count == 0 ? "No specific suggestions extracted.\n" : string.Concat(suggestions.Select(suggestion => $"- {suggestion}\n")));
        text.Append("\n## Full Iteration History\n");
        foreach (ReviewAttempt attempt in attempts)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n### Iteration {attempt.Iteration}\n\n**Work Output**:\n\n{Truncate(attempt.Work)}\n\n")
                .Append(CultureInfo.InvariantCulture, $"**Review Feedback**:\n\n{Truncate(attempt.Review ?? "(none)")}\n\n**Approved**: {attempt.Approved}\n");
        }

        return text.ToString();
    }

    private static string Truncate(string text) =>
        text.Length <= MaxOutputLength ? text : string.Concat(text.AsSpan(0, MaxOutputLength), $"\n\n[... {text.Length - MaxOutputLength} more characters]");
}
