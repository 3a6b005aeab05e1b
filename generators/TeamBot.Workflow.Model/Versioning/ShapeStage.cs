namespace TeamBot.Workflow.Versioning;

/// <summary>A stage as a saved run depends on it: its key, its kind and, for a loop, its limit.</summary>
/// <param name="Key">The stage key, the name runs persist.</param>
/// <param name="Kind">Whether it runs once or loops.</param>
/// <param name="MaxIterations">The loop's limit (declared, or the runtime's default of 4); 0 for a work stage.</param>
public sealed record ShapeStage(string Key, StageKind Kind, int MaxIterations);
