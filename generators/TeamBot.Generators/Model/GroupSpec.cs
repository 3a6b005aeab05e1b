using TeamBot.Workflow.Model;

namespace TeamBot.Generators.Model;

/// <summary>A parallel group with its stages as indexes into <see cref="WorkflowSpec.Stages"/>.</summary>
internal sealed record GroupSpec(string Name, int After, EquatableArray<int> Members, int Before, int MaxConcurrency);
