using System;
using TeamBot.Workflow.Model;

namespace TeamBot.Generators.Model;

/// <summary>One stage, resolved: everything the emitter writes into its enum member and descriptor.</summary>
internal sealed record StageSpec
{
    public required string Key { get; init; }

    public required string Identifier { get; init; }

    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public string? WorkAgent { get; init; }

    public string? ReviewAgent { get; init; }

    public EquatableArray<string> AllowedPersonas { get; init; }

    public EquatableArray<string> Artifacts { get; init; }

    public EquatableArray<string> ExitCriteria { get; init; }

    public bool IsOptional { get; init; }

    public bool IsReviewStage { get; init; }

    public bool IsAcceptanceTestStage { get; init; }

    public bool RequiresAcceptanceTestsPassed { get; init; }

    public bool IncludeObjective { get; init; } = true;

    public string? PromptTemplatePath { get; init; }

    /// <summary>Gets the full path the template resolves to; used to find its text, never emitted.</summary>
    public string? PromptTemplateFullPath { get; init; }

    /// <summary>Gets the template's text, filled in once the template files are read.</summary>
    public string? PromptTemplate { get; init; }

    public EquatableArray<string> ParallelAgents { get; init; }

    /// <summary>Gets the timeout as (days, hours, minutes, seconds), or <see langword="null"/>.</summary>
    public (int Days, int Hours, int Minutes, int Seconds)? Timeout { get; init; }

    public int? MaxIterations { get; init; }

    public PermissionsSpec? Permissions { get; init; }

    public int? MaxTokensPerCall { get; init; }

    /// <summary>Gets the most agent calls one pass can make (docs/budgets.md).</summary>
    public int WorstCaseCalls { get; init; }

    public long? WorstCaseTokens { get; init; }

    public TimeSpan? WorstCaseTime { get; init; }

    /// <summary>Gets the indexes of the stages that follow this one.</summary>
    public EquatableArray<int> Next { get; init; }
}
