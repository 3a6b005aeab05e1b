namespace TeamBot.Workflow.Versioning;

/// <summary>A work stage and the review stage that reviews it.</summary>
/// <param name="Work">The work stage.</param>
/// <param name="Review">The review stage.</param>
public sealed record ShapeReview(string Work, string Review);
