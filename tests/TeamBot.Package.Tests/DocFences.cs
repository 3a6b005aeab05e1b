using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TeamBot.Package.Tests;

/// <summary>A fenced code block of a markdown file.</summary>
/// <param name="File">The file, relative to the repository root, with forward slashes.</param>
/// <param name="Line">The line of the opening fence, from 1.</param>
/// <param name="Info">The fence's info string (<c>csharp</c>, <c>csharp fragment</c>, <c>bash</c>...), trimmed.</param>
/// <param name="Code">The lines between the fences.</param>
internal sealed record DocFence(string File, int Line, string Info, string Code)
{
    /// <summary>The info string of a block that is a whole C# file and must compile.</summary>
    public const string Compiled = "csharp";

    /// <summary>The info string of a block that is deliberately part of a file: highlighted, never compiled.</summary>
    public const string Fragment = "csharp fragment";

    public override string ToString() => $"{File}:{Line}";

    /// <summary>Gets a value indicating whether the block has top-level statements: a program, built and run alone.</summary>
    public bool IsProgram => CSharpSyntaxTree.ParseText(Code, new CSharpParseOptions(LanguageVersion.Preview))
        .GetCompilationUnitRoot().Members.Any(member => member is GlobalStatementSyntax);

    /// <summary>Gets a value indicating whether the info string names C# at all, so that a misspelt one is noticed.</summary>
    public bool LooksLikeCSharp => Regex.IsMatch(Info, @"^(c#|cs|csharp)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}

/// <summary>Finds the fenced blocks of the README and docs/ (CommonMark fences: ``` or ~~~, indented up to 3 spaces).</summary>
internal static partial class DocFences
{
    public static IReadOnlyList<DocFence> Find(string repoRoot)
    {
        IEnumerable<string> docs = Directory.EnumerateFiles(Path.Combine(repoRoot, "docs"), "*.md", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal);
        return [.. new[] { Path.Combine(repoRoot, "README.md") }.Concat(docs)
            .SelectMany(path => Extract(Path.GetRelativePath(repoRoot, path).Replace('\\', '/'), File.ReadAllText(path)))];
    }

    public static IEnumerable<DocFence> Extract(string file, string markdown)
    {
        string[] lines = markdown.ReplaceLineEndings("\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            Match open = Opening().Match(lines[i]);
            if (!open.Success)
            {
                continue;
            }

            string fence = open.Groups["fence"].Value;
            int indent = open.Groups["indent"].Length;
            int close = i + 1;
            while (close < lines.Length && !IsClosing(lines[close], fence))
            {
                close++;
            }

            // An unclosed fence runs to the end of the file, as CommonMark reads it.
            IEnumerable<string> body = lines[(i + 1)..Math.Min(close, lines.Length)].Select(line => Unindent(line, indent));
            yield return new DocFence(file, i + 1, open.Groups["info"].Value.Trim(), string.Join('\n', body) + "\n");
            i = close;
        }
    }

    private static bool IsClosing(string line, string fence)
    {
        string trimmed = line.TrimStart(' ');
        return line.Length - trimmed.Length <= 3 && trimmed.TrimEnd().Length >= fence.Length && trimmed.TrimEnd().All(c => c == fence[0]);
    }

    private static string Unindent(string line, int indent) =>
        line[Math.Min(indent, line.Length - line.TrimStart(' ').Length)..];

    [GeneratedRegex(@"^(?<indent> {0,3})(?<fence>`{3,}|~{3,})(?<info>[^`]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Opening();
}
