using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace TeamBot.Workflow.Diagnostics;

/// <summary>
/// Every rule TeamBot reports, declared once as plain data: the analyzer builds its descriptors from this table, and the
/// generator reads the severities here to know when a workflow has errors. Each rule has a page under
/// <c>docs/diagnostics/</c>.
/// </summary>
public static class WorkflowRules
{
    /// <summary>Where the rule pages live; the ID and <c>.md</c> are appended.</summary>
    public const string HelpLinkBase = "https://github.com/teambot-dotnet/teambot/blob/main/docs/diagnostics/";

    private const string Yaml = "TeamBot.Yaml";
    private const string Stages = "TeamBot.Stages";
    private const string Groups = "TeamBot.ParallelGroups";
    private const string Review = "TeamBot.ReviewMapping";
    private const string Safety = "TeamBot.Safety";
    private const string Templates = "TeamBot.PromptTemplates";
    private const string Permissions = "TeamBot.Permissions";
    private const string Versions = "TeamBot.Versions";
    private const string Budgets = "TeamBot.Budgets";

    /// <summary>TB0001: the text is not valid YAML.</summary>
    public static readonly WorkflowRule YamlSyntax = Error(RuleIds.YamlSyntax, Yaml, "Invalid YAML", "Invalid YAML: {0}");

    /// <summary>TB0002: a mapping key appears twice.</summary>
    public static readonly WorkflowRule DuplicateKey = Error(RuleIds.DuplicateKey, Yaml, "Duplicate key", "Key '{0}' is already defined on line {1}; remove or rename one of them");

    /// <summary>TB0003: the file is empty.</summary>
    public static readonly WorkflowRule EmptyFile = Error(RuleIds.EmptyFile, Yaml, "Empty workflow file", "The workflow file is empty; define 'stages' and 'stage_order'");

    /// <summary>TB0004: a value has the wrong shape.</summary>
    public static readonly WorkflowRule WrongShape = Error(RuleIds.WrongShape, Yaml, "Value has the wrong shape", "{0} must be {1}, not {2}");

    /// <summary>TB0005: a value is not a boolean.</summary>
    public static readonly WorkflowRule InvalidBoolean = Error(RuleIds.InvalidBoolean, Yaml, "Not a boolean", "{0} must be true or false, not {1}");

    /// <summary>TB0006: a value is not a whole number in range.</summary>
    public static readonly WorkflowRule InvalidInteger = Error(RuleIds.InvalidInteger, Yaml, "Not a whole number in range", "{0} must be a whole number from {1} to {2}, not {3}");

    /// <summary>TB0007: aliases would expand too far.</summary>
    public static readonly WorkflowRule AliasExpansion = Error(RuleIds.AliasExpansion, Yaml, "Alias expansion too large", "Aliases here would expand the workflow beyond {0} nodes; write the values out instead of nesting aliases");

    /// <summary>TB0008: a field the schema does not know.</summary>
    public static readonly WorkflowRule UnknownField = Create(RuleIds.UnknownField, Yaml, "Unknown field", "Unknown field '{0}' in {1} is ignored", RuleSeverity.Warning);

    /// <summary>TB0009: the file could not be read.</summary>
    public static readonly WorkflowRule Unreadable = Error(RuleIds.Unreadable, Yaml, "Workflow file could not be read", "The workflow file could not be read: {0}");

    /// <summary>TB0010: the YAML nests too deeply.</summary>
    public static readonly WorkflowRule NestingTooDeep = Error(RuleIds.NestingTooDeep, Yaml, "YAML nested too deeply", "The YAML nests deeper than {0} levels; a workflow needs no more than four");

    /// <summary>TB0011: a required section is missing.</summary>
    public static readonly WorkflowRule MissingSection = Error(RuleIds.MissingSection, Yaml, "Required section missing", "The workflow has no '{0}' section; add it");

    /// <summary>TB0012: bytes that are not valid text.</summary>
    public static readonly WorkflowRule InvalidCharacters = Error(RuleIds.InvalidCharacters, Yaml, "Invalid bytes", "The file holds bytes that are not valid UTF-8 here; save it as UTF-8");

    /// <summary>TB0015: a value is not a decimal number.</summary>
    public static readonly WorkflowRule InvalidNumber = Error(RuleIds.InvalidNumber, Yaml, "Not a number", "{0} must be a number such as 25 or 0.15, not {1}");

    /// <summary>TB0013: a field name a few edits from a known one.</summary>
    public static readonly WorkflowRule MisspeltField = Error(RuleIds.MisspeltField, Yaml, "Misspelt field", "Unknown field '{0}' in {1}; did you mean '{2}'? A misspelt field would be ignored, so correct it");

    /// <summary>TB0014: a top-level section the schema does not know.</summary>
    public static readonly WorkflowRule UnknownSection = Error(RuleIds.UnknownSection, Yaml, "Unknown section", "Unknown section '{0}'; the sections are stages, stage_order, parallel_groups and work_to_review_mapping.{1}");

    /// <summary>TB0101: a stage missing from stage_order.</summary>
    public static readonly WorkflowRule StageNotInOrder = Error(RuleIds.StageNotInOrder, Stages, "Stage not in stage_order", "Stage '{0}' is not listed in stage_order; add it where it should run, or remove the stage");

    /// <summary>TB0102: a reference to an unknown stage.</summary>
    public static readonly WorkflowRule UnknownStage = Error(RuleIds.UnknownStage, Stages, "Unknown stage", "{0} names unknown stage '{1}'.{2}");

    /// <summary>TB0103: a stage listed twice.</summary>
    public static readonly WorkflowRule StageListedTwice = Error(RuleIds.StageListedTwice, Stages, "Stage listed twice", "Stage '{0}' is listed twice in {1} (first on line {2}); remove one");

    /// <summary>TB0104: a work stage without a work agent.</summary>
    public static readonly WorkflowRule MissingWorkAgent = Error(RuleIds.MissingWorkAgent, Stages, "Work stage without work_agent", "Stage '{0}' has no work_agent; name the agent that does its work");

    /// <summary>TB0105: a review stage without a review agent.</summary>
    public static readonly WorkflowRule MissingReviewAgent = Error(RuleIds.MissingReviewAgent, Stages, "Review stage without review_agent", "Review stage '{0}' has no review_agent; name the agent that reviews the work");

    /// <summary>TB0106: an acceptance gate with no acceptance tests before it.</summary>
    public static readonly WorkflowRule AcceptanceGateWithoutTests = Error(RuleIds.AcceptanceGateWithoutTests, Stages, "Acceptance gate without acceptance tests", "Stage '{0}' requires passed acceptance tests, but no stage with is_acceptance_test_stage: true runs before it; add one or remove the requirement");

    /// <summary>TB0107: two stage keys with one C# identifier.</summary>
    public static readonly WorkflowRule IdentifierCollision = Error(RuleIds.IdentifierCollision, Stages, "Stage keys collide in C#", "Stage '{0}' and stage '{1}' both become the C# identifier '{2}'; rename one of them");

    /// <summary>TB0108: a bad timeout.</summary>
    public static readonly WorkflowRule InvalidTimeout = Error(RuleIds.InvalidTimeout, Stages, "Invalid timeout", "timeout '{0}' of stage '{1}' is not a positive duration; write it as hh:mm:ss, for example 00:30:00");

    /// <summary>TB0109: max_iterations below 1.</summary>
    public static readonly WorkflowRule MaxIterationsTooSmall = Error(RuleIds.MaxIterationsTooSmall, Stages, "max_iterations below 1", "max_iterations is {0} in stage '{1}'; it must be at least 1");

    /// <summary>TB0110: a key that yields no identifier.</summary>
    public static readonly WorkflowRule InvalidStageKey = Error(RuleIds.InvalidStageKey, Stages, "Stage key is not a name", "Stage key '{0}' has no letter or digit, so no C# name can be made from it; use a name such as MY_STAGE");

    /// <summary>TB0201: an empty group.</summary>
    public static readonly WorkflowRule EmptyGroup = Error(RuleIds.EmptyGroup, Groups, "Parallel group has no stages", "Parallel group '{0}' has no stages; list the stages that run concurrently, or remove the group");

    /// <summary>TB0202: a trigger that is not right before the members.</summary>
    public static readonly WorkflowRule TriggerNotBeforeMembers = Error(RuleIds.TriggerNotBeforeMembers, Groups, "Group trigger is not right before its members", "Parallel group '{0}' starts after '{1}', but in stage_order the stage right before its members is {2}; move the members to follow '{1}' directly");

    /// <summary>TB0203: a group that does not converge at its gate.</summary>
    public static readonly WorkflowRule GroupDoesNotConverge = Error(RuleIds.GroupDoesNotConverge, Groups, "Parallel group does not converge at its gate", "Parallel group '{0}' does not converge at its gate '{1}': {2}; place the members together, directly before '{1}'");

    /// <summary>TB0204: a stage in two groups.</summary>
    public static readonly WorkflowRule StageInTwoGroups = Error(RuleIds.StageInTwoGroups, Groups, "Stage in two parallel groups", "Stage '{0}' is in parallel group '{1}' and in '{2}'; a stage can belong to one group only");

    /// <summary>TB0205: two groups with one trigger.</summary>
    public static readonly WorkflowRule DuplicateTrigger = Error(RuleIds.DuplicateTrigger, Groups, "Two parallel groups share a trigger", "Parallel group '{0}' starts after '{1}', as group '{2}' already does; merge the two groups");

    /// <summary>TB0206: a review stage inside a group.</summary>
    public static readonly WorkflowRule ReviewStageInGroup = Error(RuleIds.ReviewStageInGroup, Groups, "Review stage in a parallel group", "Review stage '{0}' cannot be a member of parallel group '{1}', because review loops run on their own; move it after the group");

    /// <summary>TB0207: two members with one agent.</summary>
    public static readonly WorkflowRule AgentConflict = Error(RuleIds.AgentConflict, Groups, "Parallel group members share an agent", "In parallel group '{0}', stages '{1}' and '{2}' both use agent '{3}' and would run at the same time; give one of them another agent");

    /// <summary>TB0208: two members with one artifact.</summary>
    public static readonly WorkflowRule ArtifactConflict = Error(RuleIds.ArtifactConflict, Groups, "Parallel group members write the same artifact", "In parallel group '{0}', stages '{1}' and '{2}' both write artifact '{3}'; give one of them another file");

    /// <summary>TB0209: max_concurrency below 1.</summary>
    public static readonly WorkflowRule MaxConcurrencyTooSmall = Error(RuleIds.MaxConcurrencyTooSmall, Groups, "max_concurrency below 1", "max_concurrency is {0} in parallel group '{1}'; it must be at least 1");

    /// <summary>TB0210: a group without after or before.</summary>
    public static readonly WorkflowRule GroupMissingField = Error(RuleIds.GroupMissingField, Groups, "Parallel group missing a field", "Parallel group '{0}' has no '{1}'; add it: {2}");

    /// <summary>TB0301: a mapped review stage that is not a review stage.</summary>
    public static readonly WorkflowRule MappedStageNotReview = Error(RuleIds.MappedStageNotReview, Review, "Mapped review stage is not a review stage", "'{0}' reviews '{1}' in work_to_review_mapping but is not a review stage; set is_review_stage: true on it, or map another stage");

    /// <summary>TB0302: a review stage before its work.</summary>
    public static readonly WorkflowRule ReviewBeforeWork = Error(RuleIds.ReviewBeforeWork, Review, "Review stage runs before its work", "Review stage '{0}' comes before its work stage '{1}' in stage_order; move it after '{1}'");

    /// <summary>TB0401: a path that leaves the project.</summary>
    public static readonly WorkflowRule UnsafePath = Error(RuleIds.UnsafePath, Safety, "Path leaves the project", "{0} '{1}' must be a relative path inside the project; absolute paths, drive letters and '..' are not allowed");

    /// <summary>TB0402: an artifact path that names a folder ({2} says which, and why).</summary>
    public static readonly WorkflowRule ArtifactPathIsFolder = Error(RuleIds.ArtifactPathIsFolder, Safety, "Artifact path names a folder", "Artifact '{0}' of stage '{1}' is not a file name: it names {2}; an artifact is a file the stage writes, such as 'notes.md' or 'design/notes.md'");

    /// <summary>TB0501: a prompt template the compiler cannot see: missing, or on disk but not an additional file ({2} says which).</summary>
    public static readonly WorkflowRule PromptTemplateNotFound = Error(RuleIds.PromptTemplateNotFound, Templates, "Prompt template not available to the compiler", "Prompt template '{0}' of stage '{1}' {2}");

    /// <summary>TB0502: a prompt template the compiler cannot take in ({2} says why), reported in the template file.</summary>
    public static readonly WorkflowRule PromptTemplateUnusable = Error(RuleIds.PromptTemplateUnusable, Templates, "Prompt template cannot be compiled in", "Prompt template '{0}' of stage '{1}' {2}");

    /// <summary>TB0601: a shipped stage gone without a migration ({0} version, {1} stage, {2} a stranded position, {3} the migration that would fix it).</summary>
    public static readonly WorkflowRule StageGoneWithoutMigration = Error(RuleIds.StageGoneWithoutMigration, Versions, "Stage of a shipped version gone without a migration", "Stage '{1}' of shipped version {0} is gone, so a run saved {2} cannot resume; declare where it went under 'migrations': {3}");

    /// <summary>TB0602: a group changed under a run ({0} version, {1} what changed, {2} a stranded position).</summary>
    public static readonly WorkflowRule GroupChangedUnderRun = Error(RuleIds.GroupChangedUnderRun, Versions, "Parallel group changed while a saved run can be inside it", "{1}, so a run saved under shipped version {0} {2} cannot resume; no migration can carry a run into a changed group: keep the group as it was, or, once 'teambot runs check' finds no run saved under {0}, remove that version from the versions file");

    /// <summary>TB0603: a loop limit lowered below a reachable iteration.</summary>
    public static readonly WorkflowRule LoopLimitLowered = Error(RuleIds.LoopLimitLowered, Versions, "Loop limit lowered below a reachable iteration", "max_iterations of '{1}' is {2}, but a run saved under shipped version {0} can have finished {3} iterations; raise it, or add '{1}' to 'migrations.reset_iterations' to restart such loops");

    /// <summary>TB0604: a migration names an unknown stage.</summary>
    public static readonly WorkflowRule MigrationUnknownStage = Error(RuleIds.MigrationUnknownStage, Versions, "Migration names an unknown stage", "{0} '{1}' is not a stage of this workflow.{2}");

    /// <summary>TB0605: a migration moves a stage the file still has.</summary>
    public static readonly WorkflowRule MigratedStageStillExists = Error(RuleIds.MigratedStageStillExists, Versions, "Migration moves a stage that still exists", "'{0}' is listed under 'migrations.{1}' but is still a stage of this workflow; remove the entry, or the stage");

    /// <summary>TB0606: the versions file cannot be read.</summary>
    public static readonly WorkflowRule ShippedVersionsUnreadable = Error(RuleIds.ShippedVersionsUnreadable, Versions, "Shipped versions file cannot be read", "The shipped versions file cannot be read: {0}; restore it from version control");

    /// <summary>TB0607: a shipped version's id does not match its shape.</summary>
    public static readonly WorkflowRule ShippedVersionEdited = Error(RuleIds.ShippedVersionEdited, Versions, "Shipped version edited by hand", "Shipped version {0} records a shape whose id is {1}: the entry was edited; restore it from version control");

    /// <summary>TB0701: an unknown tool.</summary>
    public static readonly WorkflowRule UnknownTool = Error(RuleIds.UnknownTool, Permissions, "Unknown tool", "Stage '{0}' permits tool '{1}', which is neither a workspace tool nor an MCP server's ('mcp:<server>' or 'mcp:<server>/<tool>').{2}");

    /// <summary>TB0702: a reviewer given write paths.</summary>
    public static readonly WorkflowRule ReviewerMayWrite = Error(RuleIds.ReviewerMayWrite, Permissions, "Review agent with write paths", "Agent '{1}' reviews stage '{0}' and is given write paths; a reviewer only reads, so remove it from 'write'");

    /// <summary>TB0703: two agents that run at once may write the same files.</summary>
    public static readonly WorkflowRule OverlappingWrites = Error(RuleIds.OverlappingWrites, Permissions, "Agents running at the same time may write the same files", "{0} and {1} run at the same time and may both write files matching '{2}' and '{3}'; give them write paths that do not overlap");

    /// <summary>TB0704: commands without the run tool.</summary>
    public static readonly WorkflowRule CommandsWithoutRunTool = Error(RuleIds.CommandsWithoutRunTool, Permissions, "Commands without the run tool", "Stage '{0}' lists commands but does not permit run_command; add run_command to its tools, or remove the commands");

    /// <summary>TB0705: write tools and write paths must come together.</summary>
    public static readonly WorkflowRule WriteToolsAndPathsMismatch = Error(RuleIds.WriteToolsAndPathsMismatch, Permissions, "Write tools and write paths do not match", "Stage '{0}' {1}");

    /// <summary>TB0706: a write mapping for an agent not on the stage.</summary>
    public static readonly WorkflowRule WriteForUnknownAgent = Error(RuleIds.WriteForUnknownAgent, Permissions, "Write paths for an agent not on the stage", "'write' of stage '{0}' names agent '{1}', which does not work on this stage (its work agents: {2})");

    /// <summary>TB0801: the token budget is below the worst case ({0} budget, {1} worst case, {2} calls, {3} the largest stages).</summary>
    public static readonly WorkflowRule TokenBudgetBelowWorstCase = Create(RuleIds.TokenBudgetBelowWorstCase, Budgets, "Token budget below the worst case", "The token budget {0} is below the run's worst case of {1} tokens ({2} agent calls); the most: {3}. Raise the budget or lower 'max_tokens_per_call' or 'max_iterations'", RuleSeverity.Warning);

    /// <summary>TB0802: the cost budget is below the worst case ({0} budget, {1} worst case, {2} tokens, {3} the price used).</summary>
    public static readonly WorkflowRule CostBudgetBelowWorstCase = Create(RuleIds.CostBudgetBelowWorstCase, Budgets, "Cost budget below the worst case", "The cost budget {0} is below the run's worst case of {1} ({2} tokens at the highest declared price, {3} per million)", RuleSeverity.Warning);

    /// <summary>TB0803: the time budget is below the critical path ({0} budget, {1} critical path, {2} its stages).</summary>
    public static readonly WorkflowRule TimeBudgetBelowCriticalPath = Create(RuleIds.TimeBudgetBelowCriticalPath, Budgets, "Time budget below the critical path", "The time budget {0} is below the run's worst-case critical path of {1}: {2}", RuleSeverity.Warning);

    /// <summary>TB0804: a budget that cannot be checked ({0} the budget, {1} the stages, {2} the missing field).</summary>
    public static readonly WorkflowRule BudgetUncheckable = Create(RuleIds.BudgetUncheckable, Budgets, "Budget cannot be checked at build time", "The {0} budget cannot be checked against the worst case: these stages call agents but declare no '{2}': {1}. Add '{2}' to each", RuleSeverity.Warning);

    /// <summary>TB0805: a cost budget without prices.</summary>
    public static readonly WorkflowRule CostBudgetWithoutPrices = Error(RuleIds.CostBudgetWithoutPrices, Budgets, "Cost budget without prices", "The cost budget {0} has no prices to count it in; declare each model's price per million tokens under 'budget.prices'");

    /// <summary>TB0806: a budget value out of its range.</summary>
    public static readonly WorkflowRule InvalidBudgetValue = Error(RuleIds.InvalidBudgetValue, Budgets, "Invalid budget value", "{0} must be {1}, not {2}");

    /// <summary>Gets every rule, in ID order.</summary>
    public static IReadOnlyList<WorkflowRule> All { get; } = new[]
    {
        YamlSyntax, DuplicateKey, EmptyFile, WrongShape, InvalidBoolean, InvalidInteger, AliasExpansion, UnknownField,
        Unreadable, NestingTooDeep, MissingSection, InvalidCharacters, MisspeltField, UnknownSection, InvalidNumber,
        StageNotInOrder, UnknownStage, StageListedTwice, MissingWorkAgent, MissingReviewAgent, AcceptanceGateWithoutTests,
        IdentifierCollision, InvalidTimeout, MaxIterationsTooSmall, InvalidStageKey,
        EmptyGroup, TriggerNotBeforeMembers, GroupDoesNotConverge, StageInTwoGroups, DuplicateTrigger, ReviewStageInGroup,
        AgentConflict, ArtifactConflict, MaxConcurrencyTooSmall, GroupMissingField,
        MappedStageNotReview, ReviewBeforeWork,
        UnsafePath, ArtifactPathIsFolder,
        PromptTemplateNotFound, PromptTemplateUnusable,
        StageGoneWithoutMigration, GroupChangedUnderRun, LoopLimitLowered, MigrationUnknownStage,
        MigratedStageStillExists, ShippedVersionsUnreadable, ShippedVersionEdited,
        UnknownTool, ReviewerMayWrite, OverlappingWrites, CommandsWithoutRunTool, WriteToolsAndPathsMismatch, WriteForUnknownAgent,
        TokenBudgetBelowWorstCase, CostBudgetBelowWorstCase, TimeBudgetBelowCriticalPath, BudgetUncheckable,
        CostBudgetWithoutPrices, InvalidBudgetValue,
    };

    private static readonly Dictionary<string, WorkflowRule> ById = All.ToDictionary(rule => rule.Id, StringComparer.Ordinal);

    /// <summary>Gets the rule of a <see cref="RuleIds"/> ID.</summary>
    public static WorkflowRule Get(string id) => ById[id];

    /// <summary>A problem's message arguments, each escaped (<see cref="MessageText.Escape"/>): what every diagnostic shows.</summary>
    public static object[] EscapedArguments(WorkflowProblem problem) =>
        problem.Arguments.Select(argument => (object)MessageText.Escape(argument)).ToArray();

    /// <summary>
    /// A problem's message as the build writes it: its rule's format with the escaped arguments. Never throws: an ID the
    /// table does not know, or a format its arguments do not fit, gives the arguments joined.
    /// </summary>
    public static string Message(WorkflowProblem problem)
    {
        object[] arguments = EscapedArguments(problem);
        if (ById.TryGetValue(problem.Id, out WorkflowRule? rule))
        {
            try
            {
                return string.Format(CultureInfo.InvariantCulture, rule.MessageFormat, arguments);
            }
            catch (FormatException)
            {
                // Falls through to the plain arguments.
            }
        }

        return string.Join(", ", arguments);
    }

    /// <summary>
    /// Tells whether <paramref name="problem"/> is an error, so no workflow is generated: its own severity when the rule
    /// that found it set one (<c>budget.policy: strict</c>), else its rule's.
    /// </summary>
    public static bool IsError(WorkflowProblem problem) => SeverityOf(problem) == RuleSeverity.Error;

    /// <summary>Gets the severity <paramref name="problem"/> is reported with: its own when set, else its rule's.</summary>
    public static RuleSeverity SeverityOf(WorkflowProblem problem) =>
        problem.Severity ?? (ById.TryGetValue(problem.Id, out WorkflowRule? rule) ? rule.Severity : RuleSeverity.Error);

    /// <summary>Tells whether a problem with <paramref name="id"/> is an error by default, so no workflow is generated.</summary>
    /// <remarks>An ID the table does not know counts as an error, so that an unknown problem never lets a workflow through.</remarks>
    public static bool IsError(string id) => !ById.TryGetValue(id, out WorkflowRule? rule) || rule.Severity == RuleSeverity.Error;

    private static WorkflowRule Error(string id, string category, string title, string message) =>
        Create(id, category, title, message, RuleSeverity.Error);

    private static WorkflowRule Create(string id, string category, string title, string message, RuleSeverity severity) =>
        new(id, category, title, message, severity, HelpLinkBase + id + ".md");
}
