using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;
using TeamBot.Workflow.Naming;

namespace TeamBot.Workflow.Parsing;

/// <summary>
/// Turns stages.yaml text into a <see cref="WorkflowDocument"/>. Checks the YAML and the shape of every value
/// (mapping, list, string, boolean, number) and reports unknown fields; what the values mean is the validator's job.
/// Never throws.
/// </summary>
public sealed class WorkflowParser
{
    private readonly List<WorkflowProblem> _problems = [];

    private WorkflowParser()
    {
    }

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <returns>The document, or <see langword="null"/> when the YAML could not be read; and every problem found.</returns>
    public static (WorkflowDocument? Document, EquatableArray<WorkflowProblem> Problems) Parse(string text)
    {
        var parser = new WorkflowParser();
        WorkflowDocument? document = parser.ParseText(text);
        return (document, parser._problems.ToEquatableArray());
    }

    private WorkflowDocument? ParseText(string text)
    {
        int invalid = text.IndexOf('\uFFFD');
        if (invalid >= 0)
        {
            Report(RuleIds.InvalidCharacters, YamlTreeReader.SpanOfChar(text, invalid));
            return null;
        }

        YamlTreeNode? root = YamlTreeReader.Read(text, _problems);
        if (root is null || (root is YamlTreeScalar scalar && scalar.IsNull))
        {
            if (_problems.Count == 0)
            {
                Report(RuleIds.EmptyFile, SourceSpan.FileStart);
            }

            return null;
        }

        if (root is not YamlTreeMapping mapping)
        {
            Report(RuleIds.WrongShape, root.Span, "The workflow file", "a mapping with 'stages' and 'stage_order'", root.KindName);
            return null;
        }

        return ParseRoot(mapping);
    }

    private WorkflowDocument ParseRoot(YamlTreeMapping root)
    {
        var stages = new List<StageDefinition>();
        var order = new List<Located<string>>();
        var groups = new List<ParallelGroupDefinition>();
        var mappings = new List<ReviewMappingDefinition>();
        SourceSpan stagesSpan = SourceSpan.FileStart;
        SourceSpan orderSpan = SourceSpan.FileStart;
        SourceSpan groupsSpan = default;
        SourceSpan mappingsSpan = default;
        MigrationsDefinition? migrations = null;
        BudgetDefinition? budget = null;
        bool hasStages = false;
        bool hasOrder = false;

        foreach (KeyValuePair<YamlTreeScalar, YamlTreeNode> entry in root.Entries)
        {
            switch (entry.Key.Value)
            {
                case WorkflowSchema.Stages:
                    hasStages = true;
                    stagesSpan = entry.Key.Span;
                    foreach ((YamlTreeScalar key, YamlTreeNode value) in Entries(entry.Value, Subject.Text("'stages'")))
                    {
                        stages.Add(ParseStage(key, value));
                    }

                    break;
                case WorkflowSchema.StageOrder:
                    hasOrder = true;
                    orderSpan = entry.Key.Span;
                    order.AddRange(StringList(entry.Value, Subject.Text("'stage_order'")));
                    break;
                case WorkflowSchema.ParallelGroups:
                    groupsSpan = entry.Key.Span;
                    foreach ((YamlTreeScalar key, YamlTreeNode value) in Entries(entry.Value, Subject.Text("'parallel_groups'")))
                    {
                        groups.Add(ParseGroup(key, value));
                    }

                    break;
                case WorkflowSchema.WorkToReviewMapping:
                    mappingsSpan = entry.Key.Span;
                    foreach ((YamlTreeScalar key, YamlTreeNode value) in Entries(entry.Value, Subject.Text("'work_to_review_mapping'")))
                    {
                        if (String(value, Subject.Named("The review stage of", key.Value)) is { } review)
                        {
                            mappings.Add(new ReviewMappingDefinition(new Located<string>(key.Value, key.Span), review));
                        }
                    }

                    break;
                case WorkflowSchema.Migrations:
                    migrations = ParseMigrations(entry.Key, entry.Value);
                    break;
                case WorkflowSchema.Budget:
                    budget = ParseBudget(entry.Key, entry.Value);
                    break;
                default:
                    ReportUnknownField(entry.Key, "the workflow", WorkflowSchema.TopLevelFields, root, isSection: true);
                    break;
            }
        }

        // Underline the first key rather than the whole file: the section is missing from this mapping.
        SourceSpan rootStart = root.Entries.Count > 0 ? root.Entries[0].Key.Span : root.Span;
        if (!hasStages)
        {
            Report(RuleIds.MissingSection, rootStart, WorkflowSchema.Stages);
        }

        if (!hasOrder)
        {
            Report(RuleIds.MissingSection, rootStart, WorkflowSchema.StageOrder);
        }

        return new WorkflowDocument(
            stages.ToEquatableArray(),
            order.ToEquatableArray(),
            groups.ToEquatableArray(),
            mappings.ToEquatableArray(),
            stagesSpan,
            orderSpan,
            groupsSpan,
            mappingsSpan,
            migrations,
            budget);
    }

    private BudgetDefinition ParseBudget(YamlTreeScalar key, YamlTreeNode node)
    {
        var budget = new BudgetDefinition(key.Span);
        foreach ((YamlTreeScalar field, YamlTreeNode value) in Entries(node, Subject.Text("'budget'")))
        {
            var what = Subject.Text($"'budget.{field.Value}'");
            budget = field.Value switch
            {
                "tokens" => budget with { Tokens = Long(value, what) },
                "cost" => budget with { Cost = Number(value, what) },
                "time" => budget with { Time = String(value, what) },
                "policy" => budget with { Policy = String(value, what) },
                "prices" => budget with { Prices = Prices(value).ToEquatableArray() },
                _ => UnknownBudgetField(budget, field, node),
            };
        }

        return budget;
    }

    private BudgetDefinition UnknownBudgetField(BudgetDefinition budget, YamlTreeScalar field, YamlTreeNode node)
    {
        ReportUnknownField(field, "'budget'", WorkflowSchema.BudgetFields, node, isSection: false);
        return budget;
    }

    private List<ModelPriceDefinition> Prices(YamlTreeNode node)
    {
        var prices = new List<ModelPriceDefinition>();
        foreach ((YamlTreeScalar model, YamlTreeNode price) in Entries(node, Subject.Text("'budget.prices'")))
        {
            Located<decimal>? input = null;
            Located<decimal>? output = null;
            foreach ((YamlTreeScalar field, YamlTreeNode value) in Entries(price, Subject.Named("The price of model", model.Value)))
            {
                var what = Subject.Field(field.Value, "the price of model", model.Value);
                switch (field.Value)
                {
                    case "input":
                        input = Number(value, what);
                        break;
                    case "output":
                        output = Number(value, what);
                        break;
                    default:
                        ReportUnknownField(field, $"the price of model '{model.Value}'", WorkflowSchema.PriceFields, price, isSection: false);
                        break;
                }
            }

            prices.Add(new ModelPriceDefinition(new Located<string>(model.Value, model.Span), input, output));
        }

        return prices;
    }

    private MigrationsDefinition ParseMigrations(YamlTreeScalar key, YamlTreeNode node)
    {
        var renamed = new List<StageMoveDefinition>();
        var removed = new List<StageMoveDefinition>();
        var reset = new List<Located<string>>();
        foreach ((YamlTreeScalar field, YamlTreeNode value) in Entries(node, Subject.Text("'migrations'")))
        {
            switch (field.Value)
            {
                case "renamed":
                    renamed.AddRange(Moves(value, "'migrations.renamed'", "The new key of"));
                    break;
                case "removed":
                    removed.AddRange(Moves(value, "'migrations.removed'", "The stage that resumes the runs of"));
                    break;
                case "reset_iterations":
                    reset.AddRange(StringList(value, Subject.Text("'migrations.reset_iterations'")));
                    break;
                default:
                    ReportUnknownField(field, "'migrations'", WorkflowSchema.MigrationFields, node, isSection: false);
                    break;
            }
        }

        return new MigrationsDefinition(key.Span, renamed.ToEquatableArray(), removed.ToEquatableArray(), reset.ToEquatableArray());
    }

    private IEnumerable<StageMoveDefinition> Moves(YamlTreeNode node, string section, string valuePrefix)
    {
        foreach ((YamlTreeScalar from, YamlTreeNode to) in Entries(node, Subject.Text(section)))
        {
            if (String(to, Subject.Named(valuePrefix, from.Value)) is { } target)
            {
                yield return new StageMoveDefinition(new Located<string>(from.Value, from.Span), target);
            }
        }
    }

    private StageDefinition ParseStage(YamlTreeScalar key, YamlTreeNode node)
    {
        var stage = new StageDefinition { Key = new Located<string>(key.Value, key.Span) };
        foreach ((YamlTreeScalar field, YamlTreeNode value) in Entries(node, Subject.Named("Stage", key.Value)))
        {
            var what = Subject.Field(field.Value, "stage", key.Value);
            stage = field.Value switch
            {
                "name" => stage with { Name = String(value, what)?.Value },
                "description" => stage with { Description = String(value, what)?.Value },
                "work_agent" => stage with { WorkAgent = String(value, what) },
                "review_agent" => stage with { ReviewAgent = String(value, what) },
                "allowed_personas" => stage with { AllowedPersonas = StringList(value, what).ToEquatableArray() },
                "artifacts" => stage with { Artifacts = StringList(value, what).ToEquatableArray() },
                "exit_criteria" => stage with { ExitCriteria = StringList(value, what).ConvertAll(item => item.Value).ToEquatableArray() },
                "optional" => stage with { Optional = Boolean(value, what)?.Value ?? false },
                "is_review_stage" => stage with { IsReviewStage = Boolean(value, what)?.Value ?? false },
                "is_acceptance_test_stage" => stage with { IsAcceptanceTestStage = Boolean(value, what)?.Value ?? false },
                "requires_acceptance_tests_passed" => stage with { RequiresAcceptanceTestsPassed = Boolean(value, what) },
                "include_objective" => stage with { IncludeObjective = Boolean(value, what)?.Value ?? true },
                "prompt_template" => stage with { PromptTemplate = String(value, what) },
                "parallel_agents" => stage with { ParallelAgents = StringList(value, what).ToEquatableArray() },
                "timeout" => stage with { Timeout = String(value, what) },
                "max_iterations" => stage with { MaxIterations = Integer(value, what) },
                "max_tokens_per_call" => stage with { MaxTokensPerCall = Integer(value, what) },
                "permissions" => stage with { Permissions = ParsePermissions(key, field, value) },
                _ => Unknown(stage, field, $"stage '{key.Value}'", WorkflowSchema.StageFields, node),
            };
        }

        return stage;
    }

    private PermissionsDefinition ParsePermissions(YamlTreeScalar stage, YamlTreeScalar key, YamlTreeNode node)
    {
        var permissions = new PermissionsDefinition { Span = key.Span };
        foreach ((YamlTreeScalar field, YamlTreeNode value) in Entries(node, Subject.Field("permissions", "stage", stage.Value)))
        {
            var what = Subject.Field(field.Value, "the permissions of stage", stage.Value);
            switch (field.Value)
            {
                case "tools":
                    permissions = permissions with { Tools = StringList(value, what).ToEquatableArray() };
                    break;
                case "commands":
                    permissions = permissions with { Commands = StringList(value, what).ToEquatableArray() };
                    break;
                case "write" when value is YamlTreeMapping:
                    var byAgent = new List<AgentWriteDefinition>();
                    foreach ((YamlTreeScalar agent, YamlTreeNode paths) in Entries(value, what))
                    {
                        byAgent.Add(new AgentWriteDefinition(new Located<string>(agent.Value, agent.Span), StringList(paths, Subject.Field(agent.Value, "the write paths of stage", stage.Value)).ToEquatableArray()));
                    }

                    permissions = permissions with { WriteByAgent = byAgent.ToEquatableArray() };
                    break;
                case "write":
                    permissions = permissions with { Write = StringList(value, what).ToEquatableArray() };
                    break;
                default:
                    ReportUnknownField(field, $"the permissions of stage '{stage.Value}'", WorkflowSchema.PermissionFields, node, isSection: false);
                    break;
            }
        }

        return permissions;
    }

    private ParallelGroupDefinition ParseGroup(YamlTreeScalar key, YamlTreeNode node)
    {
        Located<string>? after = null;
        Located<string>? before = null;
        Located<int>? maxConcurrency = null;
        var members = new List<Located<string>>();
        foreach ((YamlTreeScalar field, YamlTreeNode value) in Entries(node, Subject.Named("Parallel group", key.Value)))
        {
            var what = Subject.Field(field.Value, "parallel group", key.Value);
            switch (field.Value)
            {
                case "after":
                    after = String(value, what);
                    break;
                case "before":
                    before = String(value, what);
                    break;
                case "stages":
                    members.AddRange(StringList(value, what));
                    break;
                case "max_concurrency":
                    maxConcurrency = Integer(value, what);
                    break;
                default:
                    ReportUnknownField(field, $"parallel group '{key.Value}'", WorkflowSchema.GroupFields, node, isSection: false);
                    break;
            }
        }

        return new ParallelGroupDefinition(new Located<string>(key.Value, key.Span), after, members.ToEquatableArray(), before, maxConcurrency);
    }

    /// <summary>The entries of a mapping; null counts as empty, anything else is reported.</summary>
    private IEnumerable<(YamlTreeScalar Key, YamlTreeNode Value)> Entries(YamlTreeNode node, Subject what)
    {
        if (node is YamlTreeMapping mapping)
        {
            foreach (KeyValuePair<YamlTreeScalar, YamlTreeNode> entry in mapping.Entries)
            {
                yield return (entry.Key, entry.Value);
            }
        }
        else if (!(node is YamlTreeScalar scalar && scalar.IsNull))
        {
            Report(RuleIds.WrongShape, node.Span, what.ToString(), "a mapping", node.KindName);
        }
    }

    private Located<string>? String(YamlTreeNode node, Subject what)
    {
        switch (node)
        {
            case YamlTreeScalar scalar when scalar.IsNull:
                return null;
            case YamlTreeScalar scalar:
                return new Located<string>(scalar.Value, scalar.Span);
            default:
                Report(RuleIds.WrongShape, node.Span, what.ToString(), "a string", node.KindName);
                return null;
        }
    }

    private List<Located<string>> StringList(YamlTreeNode node, Subject what)
    {
        var items = new List<Located<string>>();
        if (node is YamlTreeSequence sequence)
        {
            foreach (YamlTreeNode item in sequence.Items)
            {
                if (String(item, what.Item()) is { } value)
                {
                    items.Add(value);
                }
            }
        }
        else if (!(node is YamlTreeScalar scalar && scalar.IsNull))
        {
            Report(RuleIds.WrongShape, node.Span, what.ToString(), "a list", node.KindName);
        }

        return items;
    }

    private Located<bool>? Boolean(YamlTreeNode node, Subject what)
    {
        if (node is YamlTreeScalar { IsPlain: true } scalar)
        {
            switch (scalar.Value)
            {
                case "true" or "True" or "TRUE":
                    return new Located<bool>(true, scalar.Span);
                case "false" or "False" or "FALSE":
                    return new Located<bool>(false, scalar.Span);
            }
        }

        Report(RuleIds.InvalidBoolean, node.Span, what.ToString(), node is YamlTreeScalar text ? $"'{text.Value}'" : node.KindName);
        return null;
    }

    private Located<int>? Integer(YamlTreeNode node, Subject what) =>
        Whole(node, what, int.MinValue, int.MaxValue) is { } value ? new Located<int>((int)value.Value, value.Span) : null;

    private Located<long>? Long(YamlTreeNode node, Subject what) => Whole(node, what, long.MinValue, long.MaxValue);

    /// <summary>A plain whole number from <paramref name="minimum"/> to <paramref name="maximum"/>, or TB0006 naming the range.</summary>
    private Located<long>? Whole(YamlTreeNode node, Subject what, long minimum, long maximum)
    {
        if (node is YamlTreeScalar { IsPlain: true } scalar
            && long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)
            && value >= minimum && value <= maximum)
        {
            return new Located<long>(value, scalar.Span);
        }

        Report(
            RuleIds.InvalidInteger,
            node.Span,
            what.ToString(),
            minimum.ToString(CultureInfo.InvariantCulture),
            maximum.ToString(CultureInfo.InvariantCulture),
            node is YamlTreeScalar text ? $"'{text.Value}'" : node.KindName);
        return null;
    }

    /// <summary>A plain decimal number (<c>25</c>, <c>0.15</c>); no exponent, so that a price reads as written.</summary>
    private Located<decimal>? Number(YamlTreeNode node, Subject what)
    {
        if (node is YamlTreeScalar { IsPlain: true } scalar
            && decimal.TryParse(scalar.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal value))
        {
            return new Located<decimal>(value, scalar.Span);
        }

        Report(RuleIds.InvalidNumber, node.Span, what.ToString(), node is YamlTreeScalar text ? $"'{text.Value}'" : node.KindName);
        return null;
    }

    private StageDefinition Unknown(StageDefinition stage, YamlTreeScalar field, string owner, IReadOnlyList<string> known, YamlTreeNode mapping)
    {
        ReportUnknownField(field, owner, known, mapping, isSection: false);
        return stage;
    }

    /// <summary>
    /// TB0014 for a top-level key (<paramref name="isSection"/>); elsewhere TB0013 when a known field is a few edits away
    /// (a typo that would silently drop a setting), else TB0008: a field of a newer or older version of the format is only
    /// ignored. A field the mapping already has is never suggested, so that the fix cannot write a duplicate key.
    /// </summary>
    private void ReportUnknownField(YamlTreeScalar field, string owner, IReadOnlyList<string> known, YamlTreeNode mapping, bool isSection)
    {
        var present = new HashSet<string>(mapping is YamlTreeMapping entries ? entries.Entries.Select(entry => entry.Key.Value) : [], StringComparer.Ordinal);
        string? match = NameSuggestions.Closest(field.Value, known.Where(name => !present.Contains(name)));
        ProblemFix? fix = match is null ? null : new ProblemFix(FixKind.Replace, match);
        if (isSection)
        {
            Report(fix, RuleIds.UnknownSection, field.Span, field.Value, match is null ? "" : $" Did you mean '{match}'?");
        }
        else if (match is not null)
        {
            Report(fix, RuleIds.MisspeltField, field.Span, field.Value, owner, match);
        }
        else
        {
            Report(RuleIds.UnknownField, field.Span, field.Value, owner);
        }
    }

    private void Report(string id, SourceSpan span, params string[] arguments) =>
        _problems.Add(new WorkflowProblem(id, span, arguments.ToEquatableArray()));

    private void Report(ProblemFix? fix, string id, SourceSpan span, params string[] arguments) =>
        _problems.Add(new WorkflowProblem(id, span, arguments.ToEquatableArray()) { Fix = fix });

    /// <summary>
    /// What a value is, for messages ("'timeout' of stage 'SPEC'"). Its text is built only when a problem is reported:
    /// building it for every field of every stage was a large share of the time a 3000-stage file takes to read.
    /// </summary>
    private readonly struct Subject
    {
        private readonly string _text;
        private readonly string? _owner;
        private readonly string? _key;
        private readonly bool _item;

        private Subject(string text, string? owner, string? key, bool item)
        {
            _text = text;
            _owner = owner;
            _key = key;
            _item = item;
        }

        public static Subject Text(string text) => new(text, null, null, item: false);

        /// <summary>"{prefix} '{key}'", as in "Stage 'SPEC'".</summary>
        public static Subject Named(string prefix, string key) => new(prefix, null, key, item: false);

        /// <summary>"'{field}' of {owner} '{key}'", as in "'timeout' of stage 'SPEC'".</summary>
        public static Subject Field(string field, string owner, string key) => new(field, owner, key, item: false);

        /// <summary>Each item of this list.</summary>
        public Subject Item() => new(_text, _owner, _key, item: true);

        public override string ToString()
        {
            string text = _owner is not null ? $"'{_text}' of {_owner} '{_key}'" : _key is not null ? $"{_text} '{_key}'" : _text;
            return _item ? $"Each item of {text}" : text;
        }
    }
}
