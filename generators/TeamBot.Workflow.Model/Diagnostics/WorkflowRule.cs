namespace TeamBot.Workflow.Diagnostics;

/// <summary>One workflow rule as plain data: what the analyzer and the generator turn into their diagnostics.</summary>
/// <param name="Id">The diagnostic ID, one of <see cref="RuleIds"/>.</param>
/// <param name="Category">The diagnostic category, as in <c>TeamBot.Stages</c>.</param>
/// <param name="Title">The short title.</param>
/// <param name="MessageFormat">The message, with <c>{0}</c>-style placeholders for the problem's arguments.</param>
/// <param name="Severity">The default severity.</param>
/// <param name="HelpLink">The rule's page under <c>docs/diagnostics/</c>.</param>
public sealed record WorkflowRule(string Id, string Category, string Title, string MessageFormat, RuleSeverity Severity, string HelpLink);
