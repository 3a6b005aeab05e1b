namespace TeamBot.Workflow.Model;

/// <summary>One entry under <c>parallel_groups</c>.</summary>
/// <param name="Name">The group's key.</param>
/// <param name="After">The trigger stage.</param>
/// <param name="Stages">The member stages.</param>
/// <param name="Before">The gate stage.</param>
/// <param name="MaxConcurrency">The <c>max_concurrency</c> field.</param>
public sealed record ParallelGroupDefinition(
    Located<string> Name,
    Located<string>? After,
    EquatableArray<Located<string>> Stages,
    Located<string>? Before,
    Located<int>? MaxConcurrency);
