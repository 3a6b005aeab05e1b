using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using TeamBot.Workflow.Diagnostics;

namespace TeamBot.Analyzers;

/// <summary>
/// Every diagnostic TeamBot reports, by name. The rules are declared once, as plain data, in the model's
/// <see cref="WorkflowRules"/>; the descriptors come from <see cref="RuleDescriptors"/>, which the generator uses too.
/// </summary>
public static class DiagnosticDescriptors
{
    /// <summary>TB0001: the text is not valid YAML.</summary>
    public static readonly DiagnosticDescriptor YamlSyntax = RuleDescriptors.Get(RuleIds.YamlSyntax);

    /// <summary>TB0002: a mapping key appears twice.</summary>
    public static readonly DiagnosticDescriptor DuplicateKey = RuleDescriptors.Get(RuleIds.DuplicateKey);

    /// <summary>TB0003: the file is empty.</summary>
    public static readonly DiagnosticDescriptor EmptyFile = RuleDescriptors.Get(RuleIds.EmptyFile);

    /// <summary>TB0004: a value has the wrong shape.</summary>
    public static readonly DiagnosticDescriptor WrongShape = RuleDescriptors.Get(RuleIds.WrongShape);

    /// <summary>TB0005: a value is not a boolean.</summary>
    public static readonly DiagnosticDescriptor InvalidBoolean = RuleDescriptors.Get(RuleIds.InvalidBoolean);

    /// <summary>TB0006: a value is not a whole number in range.</summary>
    public static readonly DiagnosticDescriptor InvalidInteger = RuleDescriptors.Get(RuleIds.InvalidInteger);

    /// <summary>TB0007: aliases would expand too far.</summary>
    public static readonly DiagnosticDescriptor AliasExpansion = RuleDescriptors.Get(RuleIds.AliasExpansion);

    /// <summary>TB0008: a field the schema does not know.</summary>
    public static readonly DiagnosticDescriptor UnknownField = RuleDescriptors.Get(RuleIds.UnknownField);

    /// <summary>TB0009: the file could not be read.</summary>
    public static readonly DiagnosticDescriptor Unreadable = RuleDescriptors.Get(RuleIds.Unreadable);

    /// <summary>TB0010: the YAML nests too deeply.</summary>
    public static readonly DiagnosticDescriptor NestingTooDeep = RuleDescriptors.Get(RuleIds.NestingTooDeep);

    /// <summary>TB0011: a required section is missing.</summary>
    public static readonly DiagnosticDescriptor MissingSection = RuleDescriptors.Get(RuleIds.MissingSection);

    /// <summary>TB0012: bytes that are not valid text.</summary>
    public static readonly DiagnosticDescriptor InvalidCharacters = RuleDescriptors.Get(RuleIds.InvalidCharacters);

    /// <summary>TB0013: a field name a few edits from a known one.</summary>
    public static readonly DiagnosticDescriptor MisspeltField = RuleDescriptors.Get(RuleIds.MisspeltField);

    /// <summary>TB0014: a top-level section the schema does not know.</summary>
    public static readonly DiagnosticDescriptor UnknownSection = RuleDescriptors.Get(RuleIds.UnknownSection);

    /// <summary>TB0015: a value is not a decimal number.</summary>
    public static readonly DiagnosticDescriptor InvalidNumber = RuleDescriptors.Get(RuleIds.InvalidNumber);

    /// <summary>TB0101: a stage missing from stage_order.</summary>
    public static readonly DiagnosticDescriptor StageNotInOrder = RuleDescriptors.Get(RuleIds.StageNotInOrder);

    /// <summary>TB0102: a reference to an unknown stage.</summary>
    public static readonly DiagnosticDescriptor UnknownStage = RuleDescriptors.Get(RuleIds.UnknownStage);

    /// <summary>TB0103: a stage listed twice.</summary>
    public static readonly DiagnosticDescriptor StageListedTwice = RuleDescriptors.Get(RuleIds.StageListedTwice);

    /// <summary>TB0104: a work stage without a work agent.</summary>
    public static readonly DiagnosticDescriptor MissingWorkAgent = RuleDescriptors.Get(RuleIds.MissingWorkAgent);

    /// <summary>TB0105: a review stage without a review agent.</summary>
    public static readonly DiagnosticDescriptor MissingReviewAgent = RuleDescriptors.Get(RuleIds.MissingReviewAgent);

    /// <summary>TB0106: an acceptance gate with no acceptance tests before it.</summary>
    public static readonly DiagnosticDescriptor AcceptanceGateWithoutTests = RuleDescriptors.Get(RuleIds.AcceptanceGateWithoutTests);

    /// <summary>TB0107: two stage keys with one C# identifier.</summary>
    public static readonly DiagnosticDescriptor IdentifierCollision = RuleDescriptors.Get(RuleIds.IdentifierCollision);

    /// <summary>TB0108: a bad timeout.</summary>
    public static readonly DiagnosticDescriptor InvalidTimeout = RuleDescriptors.Get(RuleIds.InvalidTimeout);

    /// <summary>TB0109: max_iterations below 1.</summary>
    public static readonly DiagnosticDescriptor MaxIterationsTooSmall = RuleDescriptors.Get(RuleIds.MaxIterationsTooSmall);

    /// <summary>TB0110: a key that yields no identifier.</summary>
    public static readonly DiagnosticDescriptor InvalidStageKey = RuleDescriptors.Get(RuleIds.InvalidStageKey);

    /// <summary>TB0201: an empty group.</summary>
    public static readonly DiagnosticDescriptor EmptyGroup = RuleDescriptors.Get(RuleIds.EmptyGroup);

    /// <summary>TB0202: a trigger that is not right before the members.</summary>
    public static readonly DiagnosticDescriptor TriggerNotBeforeMembers = RuleDescriptors.Get(RuleIds.TriggerNotBeforeMembers);

    /// <summary>TB0203: a group that does not converge at its gate.</summary>
    public static readonly DiagnosticDescriptor GroupDoesNotConverge = RuleDescriptors.Get(RuleIds.GroupDoesNotConverge);

    /// <summary>TB0204: a stage in two groups.</summary>
    public static readonly DiagnosticDescriptor StageInTwoGroups = RuleDescriptors.Get(RuleIds.StageInTwoGroups);

    /// <summary>TB0205: two groups with one trigger.</summary>
    public static readonly DiagnosticDescriptor DuplicateTrigger = RuleDescriptors.Get(RuleIds.DuplicateTrigger);

    /// <summary>TB0206: a review stage inside a group.</summary>
    public static readonly DiagnosticDescriptor ReviewStageInGroup = RuleDescriptors.Get(RuleIds.ReviewStageInGroup);

    /// <summary>TB0207: two members with one agent.</summary>
    public static readonly DiagnosticDescriptor AgentConflict = RuleDescriptors.Get(RuleIds.AgentConflict);

    /// <summary>TB0208: two members with one artifact.</summary>
    public static readonly DiagnosticDescriptor ArtifactConflict = RuleDescriptors.Get(RuleIds.ArtifactConflict);

    /// <summary>TB0209: max_concurrency below 1.</summary>
    public static readonly DiagnosticDescriptor MaxConcurrencyTooSmall = RuleDescriptors.Get(RuleIds.MaxConcurrencyTooSmall);

    /// <summary>TB0210: a group without after or before.</summary>
    public static readonly DiagnosticDescriptor GroupMissingField = RuleDescriptors.Get(RuleIds.GroupMissingField);

    /// <summary>TB0301: a mapped review stage that is not a review stage.</summary>
    public static readonly DiagnosticDescriptor MappedStageNotReview = RuleDescriptors.Get(RuleIds.MappedStageNotReview);

    /// <summary>TB0302: a review stage before its work.</summary>
    public static readonly DiagnosticDescriptor ReviewBeforeWork = RuleDescriptors.Get(RuleIds.ReviewBeforeWork);

    /// <summary>TB0401: a path that leaves the project.</summary>
    public static readonly DiagnosticDescriptor UnsafePath = RuleDescriptors.Get(RuleIds.UnsafePath);

    /// <summary>TB0402: an artifact path that names a folder.</summary>
    public static readonly DiagnosticDescriptor ArtifactPathIsFolder = RuleDescriptors.Get(RuleIds.ArtifactPathIsFolder);

    /// <summary>TB0501: a prompt template the compiler cannot see, missing or on disk but not an additional file.</summary>
    public static readonly DiagnosticDescriptor PromptTemplateNotFound = RuleDescriptors.Get(RuleIds.PromptTemplateNotFound);

    /// <summary>TB0502: a prompt template the compiler cannot take in, too large or unreadable.</summary>
    public static readonly DiagnosticDescriptor PromptTemplateUnusable = RuleDescriptors.Get(RuleIds.PromptTemplateUnusable);

    /// <summary>TB0601: a stage of a shipped version is gone without a migration.</summary>
    public static readonly DiagnosticDescriptor StageGoneWithoutMigration = RuleDescriptors.Get(RuleIds.StageGoneWithoutMigration);

    /// <summary>TB0602: a parallel group changed while a saved run can be inside it.</summary>
    public static readonly DiagnosticDescriptor GroupChangedUnderRun = RuleDescriptors.Get(RuleIds.GroupChangedUnderRun);

    /// <summary>TB0603: a loop limit lowered below an iteration a saved run can have reached.</summary>
    public static readonly DiagnosticDescriptor LoopLimitLowered = RuleDescriptors.Get(RuleIds.LoopLimitLowered);

    /// <summary>TB0604: a migration names a stage the workflow does not have.</summary>
    public static readonly DiagnosticDescriptor MigrationUnknownStage = RuleDescriptors.Get(RuleIds.MigrationUnknownStage);

    /// <summary>TB0605: a migration renames or removes a stage the workflow still has.</summary>
    public static readonly DiagnosticDescriptor MigratedStageStillExists = RuleDescriptors.Get(RuleIds.MigratedStageStillExists);

    /// <summary>TB0606: the shipped versions file cannot be read.</summary>
    public static readonly DiagnosticDescriptor ShippedVersionsUnreadable = RuleDescriptors.Get(RuleIds.ShippedVersionsUnreadable);

    /// <summary>TB0607: a shipped version was edited by hand.</summary>
    public static readonly DiagnosticDescriptor ShippedVersionEdited = RuleDescriptors.Get(RuleIds.ShippedVersionEdited);

    /// <summary>TB0701: an unknown tool.</summary>
    public static readonly DiagnosticDescriptor UnknownTool = RuleDescriptors.Get(RuleIds.UnknownTool);

    /// <summary>TB0702: a reviewer given write paths.</summary>
    public static readonly DiagnosticDescriptor ReviewerMayWrite = RuleDescriptors.Get(RuleIds.ReviewerMayWrite);

    /// <summary>TB0703: two agents that run at once may write the same files.</summary>
    public static readonly DiagnosticDescriptor OverlappingWrites = RuleDescriptors.Get(RuleIds.OverlappingWrites);

    /// <summary>TB0704: commands without the run tool.</summary>
    public static readonly DiagnosticDescriptor CommandsWithoutRunTool = RuleDescriptors.Get(RuleIds.CommandsWithoutRunTool);

    /// <summary>TB0705: write tools and write paths must come together.</summary>
    public static readonly DiagnosticDescriptor WriteToolsAndPathsMismatch = RuleDescriptors.Get(RuleIds.WriteToolsAndPathsMismatch);

    /// <summary>TB0706: a write mapping for an agent not on the stage.</summary>
    public static readonly DiagnosticDescriptor WriteForUnknownAgent = RuleDescriptors.Get(RuleIds.WriteForUnknownAgent);

    /// <summary>TB0801: the token budget is below the worst case.</summary>
    public static readonly DiagnosticDescriptor TokenBudgetBelowWorstCase = RuleDescriptors.Get(RuleIds.TokenBudgetBelowWorstCase);

    /// <summary>TB0802: the cost budget is below the worst case.</summary>
    public static readonly DiagnosticDescriptor CostBudgetBelowWorstCase = RuleDescriptors.Get(RuleIds.CostBudgetBelowWorstCase);

    /// <summary>TB0803: the time budget is below the critical path.</summary>
    public static readonly DiagnosticDescriptor TimeBudgetBelowCriticalPath = RuleDescriptors.Get(RuleIds.TimeBudgetBelowCriticalPath);

    /// <summary>TB0804: a budget that cannot be checked.</summary>
    public static readonly DiagnosticDescriptor BudgetUncheckable = RuleDescriptors.Get(RuleIds.BudgetUncheckable);

    /// <summary>TB0805: a cost budget without prices.</summary>
    public static readonly DiagnosticDescriptor CostBudgetWithoutPrices = RuleDescriptors.Get(RuleIds.CostBudgetWithoutPrices);

    /// <summary>TB0806: a budget value out of range.</summary>
    public static readonly DiagnosticDescriptor InvalidBudgetValue = RuleDescriptors.Get(RuleIds.InvalidBudgetValue);

    /// <summary>Gets every descriptor, in ID order.</summary>
    public static ImmutableArray<DiagnosticDescriptor> All => RuleDescriptors.All;

    /// <summary>Gets the descriptor of a <see cref="RuleIds"/> ID.</summary>
    public static DiagnosticDescriptor Get(string id) => RuleDescriptors.Get(id);
}
