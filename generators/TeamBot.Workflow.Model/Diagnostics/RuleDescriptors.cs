using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TeamBot.Workflow.Diagnostics;

/// <summary>
/// The Roslyn descriptors of <see cref="WorkflowRules"/>, built once here: the analyzer declares them as supported and
/// reports them, and the generator reports the same ones for a workflow it cannot generate, so both say the same thing.
/// </summary>
public static class RuleDescriptors
{
    /// <summary>Gets every descriptor, in ID order.</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } = WorkflowRules.All.Select(ToDescriptor).ToImmutableArray();

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = All.ToDictionary(descriptor => descriptor.Id, StringComparer.Ordinal);

    /// <summary>Gets the descriptor of a <see cref="RuleIds"/> ID.</summary>
    public static DiagnosticDescriptor Get(string id) => ById[id];

    private static DiagnosticDescriptor ToDescriptor(WorkflowRule rule) =>
        new(rule.Id, rule.Title, rule.MessageFormat, rule.Category, ToSeverity(rule.Severity), isEnabledByDefault: true, helpLinkUri: rule.HelpLink);

    /// <summary>Gets the Roslyn severity of <paramref name="severity"/>.</summary>
    public static DiagnosticSeverity ToSeverity(RuleSeverity severity) =>
        severity == RuleSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
}
