using System;
using System.Collections.Generic;
using System.Linq;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;

namespace TeamBot.Workflow.Versioning;

/// <summary>
/// The build's gate for workflow edits: for every shipped version, every position a saved run can be in under it is
/// mapped through the <c>migrations</c> section onto the current file, and each position without a valid image is an
/// error at the YAML line that stranded it (TB0601 to TB0603). Works on the compiler's model alone; nothing is run.
/// </summary>
public static class WorkflowCompatibility
{
    /// <summary>Checks a valid workflow <paramref name="document"/> against its <paramref name="shipped"/> versions.</summary>
    public static CompatibilityResult Check(WorkflowDocument document, EquatableArray<ShippedVersion> shipped)
    {
        if (document is null)
        {
            throw new ArgumentNullException(nameof(document));
        }

        var current = new CurrentWorkflow(document);
        string version = current.Shape.ComputeVersion();
        var problems = new ProblemSet();
        var plans = new List<MigrationPlan>();

        // Newest first, so that a problem several versions share names the latest of them.
        for (int i = shipped.Count - 1; i >= 0; i--)
        {
            if (shipped[i].Version != version)
            {
                plans.Insert(0, new VersionCheck(current, shipped[i], problems).Run());
            }
        }

        (EquatableArray<WorkflowProblem> sorted, EquatableArray<StrandedRun> stranded) = problems.Sorted();
        return new CompatibilityResult(version, plans.ToEquatableArray(), sorted, stranded);
    }

    /// <summary>Collects problems, each once: the same stranded stage in several versions is one error.</summary>
    private sealed class ProblemSet
    {
        private readonly List<(WorkflowProblem Problem, StrandedRun Run)> _problems = [];
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        public void Report(StrandedRun run, SourceSpan span, string subject, params string[] arguments)
        {
            if (_seen.Add($"{run.RuleId}|{span.Start}|{subject}"))
            {
                _problems.Add((new WorkflowProblem(run.RuleId, span, arguments.ToEquatableArray()), run));
            }
        }

        public (EquatableArray<WorkflowProblem> Problems, EquatableArray<StrandedRun> Runs) Sorted()
        {
            var sorted = _problems.OrderBy(entry => entry.Problem.Span.Start).ThenBy(entry => entry.Problem.Id, StringComparer.Ordinal).ToList();
            return (sorted.Select(entry => entry.Problem).ToEquatableArray(), sorted.Select(entry => entry.Run).ToEquatableArray());
        }
    }

    /// <summary>One shipped version checked against the current file.</summary>
    private sealed class VersionCheck(CurrentWorkflow current, ShippedVersion shipped, ProblemSet problems)
    {
        // Lookups by key, so the check stays linear in the positions it visits.
        private readonly Dictionary<string, Image> _images = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ShapeStage> _stages = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ShapeGroup> _groups = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ShapeGroup> _groupOfMember = new(StringComparer.Ordinal);
        private readonly List<string> _changedGroups = [];
        private HashSet<string>? _imaged;

        public MigrationPlan Run()
        {
            WorkflowShape old = shipped.Shape;
            foreach (ShapeStage stage in old.Stages)
            {
                _images[stage.Key] = current.Resolve(stage.Key);
                _stages[stage.Key] = stage;
            }

            foreach (ShapeGroup group in old.Groups)
            {
                _groups[group.Name] = group;
                foreach (string member in group.Members)
                {
                    _groupOfMember[member] = group;
                }
            }

            for (int i = 0; i < old.Stages.Count; i++)
            {
                if (_images[old.Stages[i].Key].Kind == ImageKind.Gone)
                {
                    ReportGone(i);
                }
            }

            foreach (RunPosition position in RunPositions.Enumerate(old, groupSubsets: false))
            {
                if (position.Group is { } group)
                {
                    CheckGroup(_groups[group], position);
                }
                else
                {
                    CheckStage(_stages[position.Stage], position);
                }
            }

            return new MigrationPlan(
                shipped.Version,
                old.Stages.Select(stage => stage.Key).ToEquatableArray(),
                old.Stages.Where(stage => _images[stage.Key] is { Kind: ImageKind.Mapped } image && image.Target != stage.Key)
                    .Select(stage => new StagePair(stage.Key, _images[stage.Key].Target)).ToEquatableArray(),
                old.Stages.Where(stage => _images[stage.Key].Kind == ImageKind.Removed)
                    .Select(stage => new StagePair(stage.Key, _images[stage.Key].Target)).ToEquatableArray(),
                current.ResetIterations.ToEquatableArray(),
                _changedGroups.ToEquatableArray());
        }

        private void ReportGone(int index)
        {
            WorkflowShape old = shipped.Shape;
            string stage = old.Stages[index].Key;
            RunPosition at = _groupOfMember.TryGetValue(stage, out ShapeGroup? group) ? new RunPosition(group.Members[0], 0, group.Name, default) : new RunPosition(stage, 0, null, default);
            var run = new StrandedRun(shipped.Version, at, RuleIds.StageGoneWithoutMigration);
            string position = at.Describe();

            // A new stage where the old one stood is most likely the old one renamed: report there, the line to change.
            _imaged ??= new HashSet<string>(_images.Values.Where(image => image.Kind == ImageKind.Mapped).Select(image => image.Target), StringComparer.Ordinal);
            if (index < current.Shape.Stages.Count && current.Shape.Stages[index].Key is var candidate && !_imaged.Contains(candidate))
            {
                problems.Report(run, current.Stage(candidate).Key.Span, stage, shipped.Version, stage, position, $"'renamed: {{ {stage}: {candidate} }}' if it became '{candidate}', or 'removed: {{ {stage}: <the stage its runs resume at> }}'");
                return;
            }

            string resume = old.Stages.Skip(index + 1).Select(next => _images[next.Key]).FirstOrDefault(image => image.Kind != ImageKind.Gone)?.Target
                ?? current.Shape.Stages[current.Shape.Stages.Count - 1].Key;
            problems.Report(run, current.Document.StageOrderSpan, stage, shipped.Version, stage, position, $"'removed: {{ {stage}: {resume} }}', or 'renamed: {{ {stage}: <its new key> }}'");
        }

        private void CheckStage(ShapeStage stage, RunPosition position)
        {
            Image image = _images[stage.Key];
            if (image.Kind == ImageKind.Removed && current.GroupOf(image.Target) is { } targetGroup)
            {
                StageMoveDefinition removal = current.Removal(stage.Key)!;
                problems.Report(Stranded(position, RuleIds.GroupChangedUnderRun), removal.To.Span, stage.Key, shipped.Version, $"Runs of removed stage '{stage.Key}' would resume at '{image.Target}', a member of parallel group '{targetGroup.Name.Value}'", position.Describe());
            }

            if (image.Kind != ImageKind.Mapped)
            {
                return;
            }

            StageDefinition now = current.Stage(image.Target);
            if (current.GroupOf(image.Target) is { } joined)
            {
                Located<string> entry = joined.Stages.First(member => member.Value == image.Target);
                problems.Report(Stranded(position, RuleIds.GroupChangedUnderRun), entry.Span, image.Target, shipped.Version, $"Stage '{image.Target}' joined parallel group '{joined.Name.Value}'", position.Describe());
            }

            // A run inside the loop can have finished up to max - 1 iterations; resuming needs a limit above that.
            int limit = now.MaxIterations?.Value ?? WorkflowShape.DefaultMaxIterations;
            if (stage.Kind != StageKind.Work && position.Iterations >= limit && !current.ResetIterations.Contains(image.Target))
            {
                SourceSpan at = now.MaxIterations?.Span ?? now.Key.Span;
                int reached = stage.MaxIterations - 1;
                problems.Report(Stranded(position, RuleIds.LoopLimitLowered), at, image.Target, shipped.Version, image.Target, limit.ToString(System.Globalization.CultureInfo.InvariantCulture), reached.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        private void CheckGroup(ShapeGroup group, RunPosition position)
        {
            var reasons = new List<(SourceSpan Span, string Text)>();
            ParallelGroupDefinition? now = current.Group(group.Name);
            if (now is null)
            {
                SourceSpan span = current.Document.ParallelGroupsSpan.Length > 0 ? current.Document.ParallelGroupsSpan : current.Document.StageOrderSpan;
                reasons.Add((span, $"Parallel group '{group.Name}' is gone"));
            }
            else
            {
                if (Moved(group.After, now.After) is { } trigger)
                {
                    reasons.Add((now.After?.Span ?? now.Name.Span, $"The trigger of parallel group '{group.Name}' moved from '{group.After}' to '{trigger}'"));
                }

                if (Moved(group.Before, now.Before) is { } gate)
                {
                    reasons.Add((now.Before?.Span ?? now.Name.Span, $"The gate of parallel group '{group.Name}' moved from '{group.Before}' to '{gate}'"));
                }

                foreach (string member in group.Members)
                {
                    if (_images[member] is { Kind: ImageKind.Mapped } image && !now.Stages.Any(entry => entry.Value == image.Target))
                    {
                        reasons.Add((current.Stage(image.Target).Key.Span, $"Stage '{image.Target}' left parallel group '{group.Name}'"));
                    }
                }
            }

            foreach ((SourceSpan span, string text) in reasons)
            {
                problems.Report(Stranded(position, RuleIds.GroupChangedUnderRun), span, text, shipped.Version, text, position.Describe());
            }

            if (reasons.Count > 0 && !_changedGroups.Contains(group.Name))
            {
                _changedGroups.Add(group.Name);
            }
        }

        private StrandedRun Stranded(RunPosition position, string ruleId) => new(shipped.Version, position, ruleId);

        /// <summary>
        /// The current trigger or gate when it is not where the old one's runs go (its new key, or the stage a removed
        /// one resumes at); <see langword="null"/> when it is, or when the old one is gone, which TB0601 reports.
        /// </summary>
        private string? Moved(string old, Located<string>? now)
        {
            if (!_images.TryGetValue(old, out Image? image) || image.Kind == ImageKind.Gone)
            {
                return null;
            }

            return now?.Value == image.Target ? null : now?.Value ?? "";
        }
    }
}
