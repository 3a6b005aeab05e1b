namespace TeamBot.AcceptanceTests;

/// <summary>An acceptance-test scenario from the spec's <c>## Acceptance Test Scenarios</c> section.</summary>
/// <param name="Id">The scenario's id, such as <c>AT-001</c>.</param>
/// <param name="Name">The scenario's name.</param>
/// <param name="Description">What it checks.</param>
/// <param name="Preconditions">What must hold before it runs.</param>
/// <param name="Steps">What to do.</param>
/// <param name="ExpectedResult">What should happen.</param>
/// <param name="Verification">How to tell.</param>
public sealed record AcceptanceScenario(string Id, string Name, string Description, string Preconditions, string Steps, string ExpectedResult, string Verification);
