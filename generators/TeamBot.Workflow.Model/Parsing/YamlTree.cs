using System.Collections.Generic;
using TeamBot.Workflow.Model;

namespace TeamBot.Workflow.Parsing;

/// <summary>
/// A minimal YAML node tree with the location of every node. Built from YamlDotNet's event stream rather than its
/// representation model so that duplicate keys, alias expansion and nesting depth are all checked while reading.
/// </summary>
internal abstract class YamlTreeNode(SourceSpan span)
{
    public SourceSpan Span { get; } = span;

    /// <summary>Gets or sets the number of nodes this node stands for once aliases are expanded.</summary>
    public long ExpandedSize { get; set; } = 1;

    public abstract string KindName { get; }
}

internal sealed class YamlTreeScalar(SourceSpan span, string value, bool isPlain) : YamlTreeNode(span)
{
    public string Value { get; } = value;

    /// <summary>Gets a value indicating whether the scalar was unquoted, so <c>null</c>, <c>~</c> and empty mean null.</summary>
    public bool IsPlain { get; } = isPlain;

    public bool IsNull => IsPlain && (Value.Length == 0 || Value == "~" || Value == "null" || Value == "Null" || Value == "NULL");

    public override string KindName => IsNull ? "null" : "a scalar";
}

internal sealed class YamlTreeSequence(SourceSpan span, List<YamlTreeNode> items) : YamlTreeNode(span)
{
    public List<YamlTreeNode> Items { get; } = items;

    public override string KindName => "a list";
}

internal sealed class YamlTreeMapping(SourceSpan span, List<KeyValuePair<YamlTreeScalar, YamlTreeNode>> entries) : YamlTreeNode(span)
{
    public List<KeyValuePair<YamlTreeScalar, YamlTreeNode>> Entries { get; } = entries;

    public override string KindName => "a mapping";
}
