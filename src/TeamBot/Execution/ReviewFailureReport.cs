using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

using TeamBot.Rules;

namespace TeamBot.Execution;

/// <summary>The report a review loop leaves when it runs out of iterations: what was tried and what the reviewer wanted.</summary>
internal static class ReviewFailureReport
{
    private const int MaxOutputLength = 4000;

    public static async Task WriteAsync(string failuresDirectory, string stage, ImmutableList<ReviewAttempt> attempts)
    {
        var text = new StringBuilder();
        text.Append("# Review failed: ").Append(stage).Append("\n\n");
        text.Append("## Summary\n\n").Append(stage).Append(" was not approved after ").Append(attempts.Count).Append(" iteration(s).\n\n");
        text.Append("## Reviewer's suggestions\n\n").Append(Truncate(attempts.LastOrDefault()?.Review ?? "(no review)")).Append("\n\n");
        foreach (ReviewAttempt attempt in attempts)
        {
            text.Append("## Iteration ").Append(attempt.Iteration).Append("\n\n### Work\n\n").Append(Truncate(attempt.Work))
                .Append("\n\n### Review\n\n").Append(Truncate(attempt.Review ?? "(none)")).Append("\n\n");
        }

        Directory.CreateDirectory(failuresDirectory);
        await File.WriteAllTextAsync(Path.Combine(failuresDirectory, $"{stage}-review-failed.md"), text.ToString()).ConfigureAwait(false);
    }

    private static string Truncate(string text) =>
        text.Length <= MaxOutputLength ? text : string.Concat(text.AsSpan(0, MaxOutputLength), $"\n\n[... {text.Length - MaxOutputLength} more characters]");
}
