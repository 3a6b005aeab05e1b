using System;

namespace TeamBot.Workflow.Model;

/// <summary>A value read from a workflow file and where it was written.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="Value">The value.</param>
/// <param name="Span">Where the value's YAML node is.</param>
public readonly record struct Located<T>(T Value, SourceSpan Span)
    where T : IEquatable<T>
{
    /// <inheritdoc/>
    public override string ToString() => Value?.ToString() ?? "";
}
