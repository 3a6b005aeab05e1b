using System;
using System.IO;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit.Sdk;

namespace TeamBot.Generators.Tests.Infrastructure;

/// <summary>
/// Compares text with a golden file. Set TEAMBOT_UPDATE_GOLDEN=1 to rewrite the golden files from the actual output,
/// then review the change in git like any other.
/// </summary>
internal static class GoldenFile
{
    public static void AssertMatches(string goldenPath, string actual)
    {
        if (Environment.GetEnvironmentVariable("TEAMBOT_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(goldenPath, actual);
            return;
        }

        if (!File.Exists(goldenPath))
        {
            throw new XunitException($"Golden file {goldenPath} does not exist. Run the tests with TEAMBOT_UPDATE_GOLDEN=1 to create it.\nActual output:\n{actual}");
        }

        string expected = File.ReadAllText(goldenPath);
        if (expected != actual)
        {
            throw new XunitException($"Generated output differs from {goldenPath} (- golden, + actual; TEAMBOT_UPDATE_GOLDEN=1 accepts it):\n{Diff(expected, actual)}");
        }
    }

    private static string Diff(string expected, string actual)
    {
        DiffPaneModel diff = InlineDiffBuilder.Diff(expected, actual, ignoreWhiteSpace: false);
        var builder = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < diff.Lines.Count && shown < 200; i++)
        {
            DiffPiece line = diff.Lines[i];
            string prefix = line.Type switch { ChangeType.Inserted => "+ ", ChangeType.Deleted => "- ", _ => "  " };
            bool near = line.Type != ChangeType.Unchanged
                || (i + 1 < diff.Lines.Count && diff.Lines[i + 1].Type != ChangeType.Unchanged)
                || (i > 0 && diff.Lines[i - 1].Type != ChangeType.Unchanged);
            if (near)
            {
                builder.Append(prefix).AppendLine(line.Text);
                shown++;
            }
        }

        return builder.ToString();
    }
}
