namespace TeamBot.Workflow.Diagnostics;

/// <summary>
/// How severe a broken rule is by default. A plain enum rather than Roslyn's <c>DiagnosticSeverity</c>, so that the rule
/// table stays plain data; <see cref="RuleDescriptors"/> maps it.
/// </summary>
public enum RuleSeverity
{
    /// <summary>Reported, but the workflow is still generated.</summary>
    Warning,

    /// <summary>Fails the build; no workflow is generated.</summary>
    Error,
}
