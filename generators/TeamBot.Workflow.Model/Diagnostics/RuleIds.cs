namespace TeamBot.Workflow.Diagnostics;

/// <summary>
/// The IDs of the workflow rules. Titles, messages and severities live in <see cref="WorkflowRules"/>; the parser and
/// validator only say which rule is broken, where, and with what message arguments.
/// </summary>
public static class RuleIds
{
    // TB00xx: the file and its YAML.

    /// <summary>The text is not valid YAML.</summary>
    public const string YamlSyntax = "TB0001";

    /// <summary>A mapping key appears twice.</summary>
    public const string DuplicateKey = "TB0002";

    /// <summary>The file holds no document.</summary>
    public const string EmptyFile = "TB0003";

    /// <summary>A node has the wrong kind (mapping, sequence, scalar).</summary>
    public const string WrongShape = "TB0004";

    /// <summary>A value that must be a boolean is not one.</summary>
    public const string InvalidBoolean = "TB0005";

    /// <summary>A value that must be a whole number is not one, or is out of range.</summary>
    public const string InvalidInteger = "TB0006";

    /// <summary>Aliases would expand the document beyond the node budget.</summary>
    public const string AliasExpansion = "TB0007";

    /// <summary>A field the schema does not know.</summary>
    public const string UnknownField = "TB0008";

    /// <summary>The file could not be read at all (an unexpected failure).</summary>
    public const string Unreadable = "TB0009";

    /// <summary>The YAML nests deeper than the schema could ever need.</summary>
    public const string NestingTooDeep = "TB0010";

    /// <summary>A required top-level section is missing.</summary>
    public const string MissingSection = "TB0011";

    /// <summary>The file holds bytes that are not valid text.</summary>
    public const string InvalidCharacters = "TB0012";

    /// <summary>A field name a few edits from a known one: a typo that would silently drop a setting.</summary>
    public const string MisspeltField = "TB0013";

    /// <summary>A top-level section the schema does not know.</summary>
    public const string UnknownSection = "TB0014";

    /// <summary>A value that must be a decimal number is not one.</summary>
    public const string InvalidNumber = "TB0015";

    // TB01xx: stages.

    /// <summary>A stage is declared but not in <c>stage_order</c>.</summary>
    public const string StageNotInOrder = "TB0101";

    /// <summary>A reference names a stage that is not declared.</summary>
    public const string UnknownStage = "TB0102";

    /// <summary>A stage appears twice in <c>stage_order</c>.</summary>
    public const string StageListedTwice = "TB0103";

    /// <summary>A work stage has no <c>work_agent</c>.</summary>
    public const string MissingWorkAgent = "TB0104";

    /// <summary>A review stage has no <c>review_agent</c>.</summary>
    public const string MissingReviewAgent = "TB0105";

    /// <summary><c>requires_acceptance_tests_passed</c> without an acceptance-test stage before it.</summary>
    public const string AcceptanceGateWithoutTests = "TB0106";

    /// <summary>Two stage keys map to the same C# identifier.</summary>
    public const string IdentifierCollision = "TB0107";

    /// <summary>A <c>timeout</c> that is not a positive <c>hh:mm:ss</c> duration.</summary>
    public const string InvalidTimeout = "TB0108";

    /// <summary><c>max_iterations</c> below 1.</summary>
    public const string MaxIterationsTooSmall = "TB0109";

    /// <summary>A stage key from which no C# identifier can be made.</summary>
    public const string InvalidStageKey = "TB0110";

    // TB02xx: parallel groups.

    /// <summary>A group with no members.</summary>
    public const string EmptyGroup = "TB0201";

    /// <summary>A group's trigger is not immediately before its members.</summary>
    public const string TriggerNotBeforeMembers = "TB0202";

    /// <summary>A group does not converge at its gate.</summary>
    public const string GroupDoesNotConverge = "TB0203";

    /// <summary>A stage belongs to two groups.</summary>
    public const string StageInTwoGroups = "TB0204";

    /// <summary>Two groups share a trigger.</summary>
    public const string DuplicateTrigger = "TB0205";

    /// <summary>A review stage is a group member.</summary>
    public const string ReviewStageInGroup = "TB0206";

    /// <summary>Two members share a <c>work_agent</c>.</summary>
    public const string AgentConflict = "TB0207";

    /// <summary>Two members write the same artifact.</summary>
    public const string ArtifactConflict = "TB0208";

    /// <summary><c>max_concurrency</c> below 1.</summary>
    public const string MaxConcurrencyTooSmall = "TB0209";

    /// <summary>A group without <c>after</c> or <c>before</c>.</summary>
    public const string GroupMissingField = "TB0210";

    // TB03xx: work-to-review mapping.

    /// <summary>A mapping's review side is not a review stage.</summary>
    public const string MappedStageNotReview = "TB0301";

    /// <summary>A review stage does not come after its work stage.</summary>
    public const string ReviewBeforeWork = "TB0302";

    // TB04xx: safety.

    /// <summary>A path that is absolute or leaves the project directory.</summary>
    public const string UnsafePath = "TB0401";

    /// <summary>An artifact path that names a folder, or the artifacts folder itself, instead of a file.</summary>
    public const string ArtifactPathIsFolder = "TB0402";

    // TB05xx: prompt templates.

    /// <summary>A <c>prompt_template</c> that is not among the compiler's additional files.</summary>
    public const string PromptTemplateNotFound = "TB0501";

    /// <summary>A prompt template the compiler cannot take in: too large, or unreadable.</summary>
    public const string PromptTemplateUnusable = "TB0502";

    // TB06xx: workflow versions: runs saved under a shipped version must still resume.

    /// <summary>A stage of a shipped version is gone and no migration says where its runs went.</summary>
    public const string StageGoneWithoutMigration = "TB0601";

    /// <summary>A group changed (trigger, gate, members, or a stage joined it) while a saved run can be inside it or at the stage.</summary>
    public const string GroupChangedUnderRun = "TB0602";

    /// <summary>A loop's <c>max_iterations</c> fell below an iteration a saved run can have reached.</summary>
    public const string LoopLimitLowered = "TB0603";

    /// <summary>A migration names a stage the file does not have.</summary>
    public const string MigrationUnknownStage = "TB0604";

    /// <summary>A migration renames or removes a stage the file still has.</summary>
    public const string MigratedStageStillExists = "TB0605";

    /// <summary>The shipped versions file cannot be read.</summary>
    public const string ShippedVersionsUnreadable = "TB0606";

    /// <summary>A shipped version's id is not the hash of the shape recorded with it.</summary>
    public const string ShippedVersionEdited = "TB0607";

    // TB07xx: permissions.

    /// <summary>A <c>tools</c> entry that names no workspace tool.</summary>
    public const string UnknownTool = "TB0701";

    /// <summary>A <c>write</c> mapping gives paths to the stage's review agent.</summary>
    public const string ReviewerMayWrite = "TB0702";

    /// <summary>Two agents that run at the same time may write the same files.</summary>
    public const string OverlappingWrites = "TB0703";

    /// <summary><c>commands</c> on a stage that does not permit <c>run_command</c>.</summary>
    public const string CommandsWithoutRunTool = "TB0704";

    /// <summary>Write tools without write paths, or write paths without a write tool.</summary>
    public const string WriteToolsAndPathsMismatch = "TB0705";

    /// <summary>A <c>write</c> mapping names an agent that does not work on the stage.</summary>
    public const string WriteForUnknownAgent = "TB0706";

    // TB08xx: budgets: the run's declared limits against the worst case its bounds allow.

    /// <summary>The token budget is below the run's worst-case tokens.</summary>
    public const string TokenBudgetBelowWorstCase = "TB0801";

    /// <summary>The cost budget is below the run's worst-case cost.</summary>
    public const string CostBudgetBelowWorstCase = "TB0802";

    /// <summary>The time budget is below the run's worst-case critical path.</summary>
    public const string TimeBudgetBelowCriticalPath = "TB0803";

    /// <summary>A budget that cannot be checked because stages lack <c>max_tokens_per_call</c> or <c>timeout</c>.</summary>
    public const string BudgetUncheckable = "TB0804";

    /// <summary>A cost budget without prices to count it in.</summary>
    public const string CostBudgetWithoutPrices = "TB0805";

    /// <summary>A budget value out of its range: a non-positive token count, a negative price, an unknown policy.</summary>
    public const string InvalidBudgetValue = "TB0806";
}
