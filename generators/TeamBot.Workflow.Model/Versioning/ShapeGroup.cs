using TeamBot.Workflow.Model;

namespace TeamBot.Workflow.Versioning;

/// <summary>A parallel group as a saved run depends on it.</summary>
/// <param name="Name">The group's key, which runs persist in <c>parallel_group_status</c>.</param>
/// <param name="After">The trigger stage.</param>
/// <param name="Members">The member stages, in declaration order.</param>
/// <param name="Before">The gate stage.</param>
public sealed record ShapeGroup(string Name, string After, EquatableArray<string> Members, string Before);
