using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace TeamBot.Analyzers.Tests;

/// <summary>An additional file held in memory; with no text, one the compiler lists but cannot read.</summary>
internal sealed class MemoryText(string path, string? text) : AdditionalText
{
    private readonly SourceText? _text = text is null ? null : SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText? GetText(CancellationToken cancellationToken = default) => _text;
}
