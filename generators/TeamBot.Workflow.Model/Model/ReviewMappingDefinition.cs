namespace TeamBot.Workflow.Model;

/// <summary>One entry of <c>work_to_review_mapping</c>.</summary>
/// <param name="WorkStage">The stage whose output is reviewed (the key).</param>
/// <param name="ReviewStage">The stage that reviews it (the value).</param>
public sealed record ReviewMappingDefinition(Located<string> WorkStage, Located<string> ReviewStage);
