namespace Sample;

/// <summary>A report: a title and its rows.</summary>
public sealed record Report(string Title, IReadOnlyList<string> Rows)
{
    /// <summary>The report as plain text, one row per line under its title.</summary>
    public string ToText() => string.Join('\n', [Title, .. Rows]);
}
