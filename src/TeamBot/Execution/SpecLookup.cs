using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace TeamBot.Execution;

/// <summary>
/// Finds the spec whose acceptance test scenarios the acceptance stage runs, where the Python TeamBot looked and in its
/// order, with the stages' saved outputs between: a Python run saved past SPEC often has no spec artifact, only the
/// SPEC stage's output.
/// </summary>
internal static class SpecLookup
{
    private const string ScenariosHeading = "Acceptance Test Scenarios";

    /// <summary>The spec's text and where it was found, or where it was looked for.</summary>
    public sealed record Result(string? Text, string Where);

    /// <param name="artifactsDirectory">The run's artifacts: the spec artifact there comes first.</param>
    /// <param name="specArtifact">Its name (<c>feature_spec.md</c>).</param>
    /// <param name="outputs">The stages' outputs, latest stage first: the first with a scenarios section comes next.</param>
    /// <param name="workingDirectory">The workspace: its <c>docs/feature-specs/*.md</c> whose name holds the feature's, last.</param>
    /// <param name="featureName">The feature's name, compared without case or hyphens as the Python tool did.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    public static async Task<Result> FindAsync(string artifactsDirectory, string specArtifact, IEnumerable<(string Stage, string? Output)> outputs, string workingDirectory, string featureName, CancellationToken cancellationToken)
    {
        string artifact = Path.Combine(artifactsDirectory, specArtifact);
        if (File.Exists(artifact))
        {
            return new Result(await File.ReadAllTextAsync(artifact, cancellationToken).ConfigureAwait(false), $"artifacts/{specArtifact}");
        }

        foreach ((string stage, string? output) in outputs)
        {
            if (output?.Contains(ScenariosHeading, StringComparison.OrdinalIgnoreCase) == true)
            {
                return new Result(output, $"the saved output of {stage}");
            }
        }

        // Sorted, so that of several matching specs the same one is taken on every machine.
        string specs = Path.Combine(workingDirectory, "docs", "feature-specs");
        string wanted = Normalized(featureName);
        string? match = Directory.Exists(specs)
            ? Directory.EnumerateFiles(specs, "*.md").Order(StringComparer.Ordinal).FirstOrDefault(file => Normalized(Path.GetFileNameWithoutExtension(file)).Contains(wanted, StringComparison.Ordinal))
            : null;
        if (match is not null)
        {
            return new Result(await File.ReadAllTextAsync(match, cancellationToken).ConfigureAwait(false), $"docs/feature-specs/{Path.GetFileName(match)}");
        }

        return new Result(null, $"artifacts/{specArtifact}, the stages' saved outputs and docs/feature-specs/*.md named like '{featureName}'");
    }

    private static string Normalized(string name) => name.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
}
