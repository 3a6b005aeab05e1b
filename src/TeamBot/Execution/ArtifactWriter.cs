using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.State;

namespace TeamBot.Execution;

/// <summary>Writes agents' artifacts, only at the paths the workflow declares and only inside the artifacts folder.</summary>
internal static class ArtifactWriter
{
    public static async Task WriteAsync(RunFileSystem files, string artifactsDirectory, IReadOnlyDictionary<string, string> artifacts, IReadOnlyCollection<string> declared, string stage, CancellationToken cancellationToken)
    {
        string root = Path.GetFullPath(artifactsDirectory);
        foreach ((string relative, string content) in artifacts)
        {
            if (!declared.Contains(relative))
            {
                throw new InvalidOperationException($"Stage {stage} wrote artifact '{relative}', which it does not declare (declared: {string.Join(", ", declared)}).");
            }

            // The analyzer already rejects escaping paths; checked again because the file may have come from elsewhere.
            string full = Path.GetFullPath(Path.Combine(root, relative));
            if (Path.IsPathRooted(relative) || !full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Artifact path '{relative}' of stage {stage} leaves the artifacts folder.");
            }

            await RunFiles.WriteAllTextAsync(files, Path.GetDirectoryName(root)!, full, content, cancellationToken).ConfigureAwait(false);
        }
    }

    public static IReadOnlyCollection<string> Declared(params IEnumerable<string>[] lists) =>
        lists.SelectMany(list => list).ToHashSet(StringComparer.Ordinal);
}
