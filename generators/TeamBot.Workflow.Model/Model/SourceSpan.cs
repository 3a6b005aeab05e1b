namespace TeamBot.Workflow.Model;

/// <summary>
/// A range of characters in a workflow file, kept as plain numbers so that models stay free of compiler types.
/// Lines and columns are zero-based, as in Roslyn's <c>LinePosition</c>.
/// </summary>
/// <param name="Start">The offset of the first character.</param>
/// <param name="Length">The number of characters.</param>
/// <param name="StartLine">The line of the first character.</param>
/// <param name="StartColumn">The column of the first character.</param>
/// <param name="EndLine">The line just past the last character.</param>
/// <param name="EndColumn">The column just past the last character.</param>
public readonly record struct SourceSpan(int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    /// <summary>Gets the span of the file's first character, used where a problem has no better place.</summary>
    public static SourceSpan FileStart => default;

    /// <summary>Gets the offset just past the last character.</summary>
    public int End => Start + Length;

    /// <inheritdoc/>
    public override string ToString() => $"({StartLine + 1},{StartColumn + 1})-({EndLine + 1},{EndColumn + 1})";
}
