using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using TeamBot.Definitions;
using TeamBot.Rules;

namespace TeamBot.State;

/// <summary>
/// Carries a run saved under an earlier shipped version of the workflow over to the compiled one, on the document and
/// the journal as read, by stage names, before they are mapped onto the compiled stages.
/// </summary>
/// <remarks>
/// Works on copies and writes nothing: a refusal leaves the files, and the store's own objects, as they were; the
/// migrated run reaches disk only with the next save of a resume, which then records the migration.
/// </remarks>
internal static class StateMigrator
{
    /// <summary>Migrates <paramref name="document"/> and <paramref name="entries"/> when they were saved under another version.</summary>
    /// <param name="workflow">The compiled workflow.</param>
    /// <param name="document">The snapshot as read.</param>
    /// <param name="entries">The journal as read.</param>
    /// <param name="location">The state file, for messages.</param>
    /// <returns>The migrated run, or the inputs unchanged when no migration applies.</returns>
    /// <exception cref="WorkflowStateException">The run cannot be carried over to the compiled version.</exception>
    public static StateMigration Migrate<TStage>(IWorkflowDefinition<TStage> workflow, OrchestrationStateDocument document, IReadOnlyList<JournalEntry> entries, string location)
        where TStage : struct, Enum
    {
        string current = workflow.Versioning.Version;
        string saved = document.WorkflowVersion ?? WorkflowVersioning.PythonDefaultVersion;
        if (current.Length == 0 || string.Equals(current, saved, StringComparison.Ordinal))
        {
            return new StateMigration(document, entries, null);
        }

        if (workflow.Versioning.FindMigration(saved) is not { } migration)
        {
            // A file without a version may be the Python tool's of another workflow: loaded by its names as before,
            // which names any stage the compiled workflow lacks.
            if (document.WorkflowVersion is null)
            {
                return new StateMigration(document, entries, null);
            }

            string known = workflow.Versioning.Migrations.IsEmpty ? "no earlier version" : string.Join(", ", workflow.Versioning.Migrations.Select(m => m.FromVersion));
            throw new WorkflowStateException(
                $"The state in '{location}' was written under workflow version {saved}, which the compiled workflow '{workflow.Name}' (version {current}) does not know: it knows {known}. "
                + $"Resume it with the build that wrote it. A build's runs carry over only when its stages.yaml was recorded as shipped ('teambot workflow ship') before the edit. It was left unchanged.");
        }

        // Checked before it is migrated, so a hand-edited file fails with its JSON path, not inside the migration.
        StateValidator.Validate(document, location, new RunStateMapper<TStage>(workflow).MaxDeclaredIterations);
        var run = new Migration<TStage>(workflow, migration, Copy(document), location, current);
        return run.Apply(entries);
    }

    private static OrchestrationStateDocument Copy(OrchestrationStateDocument document) =>
        JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(document, StateJsonContext.Default.OrchestrationStateDocument), StateJsonContext.Default.OrchestrationStateDocument)!;

    /// <summary>One migration of one run: the copy it edits and the names it changed, for the record.</summary>
    private sealed class Migration<TStage>(IWorkflowDefinition<TStage> workflow, WorkflowMigration migration, OrchestrationStateDocument document, string location, string toVersion)
        where TStage : struct, Enum
    {
        private readonly SortedDictionary<string, string> _renamed = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, string> _removed = new(StringComparer.Ordinal);
        private readonly SortedSet<string> _reset = new(StringComparer.Ordinal);

        // A finished run never resumes: only its names are carried over, and nothing about its position is refused.
        private bool Finished => document.Status == "complete";

        public StateMigration Apply(IReadOnlyList<JournalEntry> entries)
        {
            RenameAndRemove();
            ResetIterations();
            CheckGroups();
            CheckLoops();

            // One entry per entry read, so replay keeps the numbering; an event of a removed stage becomes null: the run
            // resumes elsewhere.
            var kept = new List<JournalEntry?>(entries.Count);
            foreach (JournalEntry entry in entries)
            {
                string? stage = entry.Stage is { } name ? Map(name) : null;
                kept.Add(entry.Stage is null ? entry : stage is null ? null : string.Equals(stage, entry.Stage, StringComparison.Ordinal) ? entry : Renamed(entry, stage));
            }

            long last = Math.Max(document.JournalSequence ?? 0, entries.Count == 0 ? 0 : entries[^1].Sequence);
            document.Migrations = [.. document.Migrations ?? [], new MigrationEntry
            {
                FromVersion = migration.FromVersion,
                ToVersion = toVersion,
                Renamed = new Dictionary<string, string>(_renamed, StringComparer.Ordinal),
                Removed = new Dictionary<string, string>(_removed, StringComparer.Ordinal),
                ResetIterations = [.. _reset],
                AppliedAtJournalSequence = last,
            }];
            document.WorkflowVersion = toVersion;
            return new StateMigration(document, kept, migration.FromVersion);
        }

        /// <summary>Gives every old stage key its current one everywhere, and drops what the removed stages held.</summary>
        private void RenameAndRemove()
        {
            string? resumeAt = null;
            if (document.CurrentStage is { } at)
            {
                if (migration.Removed.TryGetValue(at, out string? target))
                {
                    _removed[at] = target;
                    resumeAt = target;
                    document.CurrentStage = target;
                    document.ReviewAttempts = null; // the attempts were the removed stage's loop
                }
                else
                {
                    document.CurrentStage = Map(at);
                }
            }

            if (document.CompletedStages is { } completed)
            {
                List<string> mapped = [.. completed.Select(Map).OfType<string>().Distinct(StringComparer.Ordinal)];
                if (resumeAt is not null && !Finished && Position(resumeAt) is { } from)
                {
                    // The run goes on from the stage it resumes at: that stage and all after it are to run again.
                    mapped.RemoveAll(stage => Position(stage) is { } position && position >= from);
                }

                document.CompletedStages = mapped;
            }

            document.StageOutputs = Keyed(document.StageOutputs)!;
            document.ReviewIterations = Keyed(document.ReviewIterations);
            document.ToolCalls = Keyed(document.ToolCalls);
            document.TokenUsage = document.TokenUsage?.Where(line => line.Stage is null || Map(line.Stage) is not null).ToList();
            foreach (UsageEntry line in document.TokenUsage ?? [])
            {
                line.Stage = line.Stage is null ? null : Map(line.Stage);
            }
            foreach (GroupStatusEntry group in (document.ParallelGroupStatus ?? []).Values)
            {
                group.Stages = Keyed(group.Stages)!;
            }
        }

        private void ResetIterations()
        {
            foreach (string stage in migration.ResetIterations)
            {
                bool inside = string.Equals(document.CurrentStage, stage, StringComparison.Ordinal);
                if (document.ReviewIterations?.Remove(stage) == true)
                {
                    _reset.Add(stage);
                }

                if (inside && document.ReviewAttempts is { Count: > 0 })
                {
                    document.ReviewAttempts = null;
                    _reset.Add(stage);
                }

                // The acceptance counters are the run's, not a stage's: restarted only for a run inside the loop.
                if (inside && workflow.TryGetStage(stage, out TStage found) && workflow.GetStage(found).IsAcceptanceTestStage)
                {
                    document.AcceptanceTestIterations = 0;
                    document.AcceptanceTestHistory = [];
                    _reset.Add(stage);
                }
            }

            document.ReviewIterations = document.ReviewIterations is { Count: 0 } ? null : document.ReviewIterations;
        }

        /// <summary>Fits the groups' member status to the compiled groups, and refuses a run inside a group it cannot enter again.</summary>
        private void CheckGroups()
        {
            string? current = document.CurrentStage;
            foreach ((string name, GroupStatusEntry entry) in document.ParallelGroupStatus ?? [])
            {
                ParallelGroupDescriptor<TStage>? group = workflow.ParallelGroups.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.Ordinal));
                List<string> members = group is null ? [] : [.. group.Stages.Select(workflow.GetStageName)];
                bool inside = !Finished
                    && (entry.Stages.Values.Any(member => member.Status != "completed")
                        || (current is not null && (entry.Stages.ContainsKey(current) || members.Contains(current, StringComparer.Ordinal))));
                if (inside && migration.ChangedGroups.Contains(name, StringComparer.Ordinal))
                {
                    Refuse($"is inside parallel group '{name}', which changed so that a run inside it cannot carry over");
                }

                if (group is null)
                {
                    continue;
                }

                foreach (string member in entry.Stages.Keys.Where(member => !members.Contains(member, StringComparer.Ordinal)).ToList())
                {
                    if (inside)
                    {
                        Refuse($"is inside parallel group '{name}', and its member '{member}' is no longer a member of it");
                    }

                    entry.Stages.Remove(member); // a finished group's former member: its completion is in completed_stages
                }

                foreach (string member in members.Where(member => !entry.Stages.ContainsKey(member)))
                {
                    entry.Stages[member] = new MemberStatusEntry { Status = "pending" };
                }
            }

            if (!Finished && current is not null && workflow.TryGetStage(current, out TStage stage) && workflow.GetGroupOf(stage) is { } joined
                && document.ParallelGroupStatus?.ContainsKey(joined.Name) != true)
            {
                Refuse($"is at stage '{current}', which joined parallel group '{joined.Name}'");
            }
        }

        /// <summary>Refuses a loop the run is inside whose counter the compiled bound no longer leaves room for.</summary>
        private void CheckLoops()
        {
            if (Finished)
            {
                return;
            }

            ExecutionPolicy policy = document.ExecutionPolicy?.ToPolicy() ?? new ExecutionPolicy();
            foreach ((string name, int iterations) in document.ReviewIterations ?? [])
            {
                bool done = document.CompletedStages?.Contains(name, StringComparer.Ordinal) ?? !string.Equals(name, document.CurrentStage, StringComparison.Ordinal);
                if (done || migration.ResetIterations.Contains(name, StringComparer.Ordinal) || !workflow.TryGetStage(name, out TStage stage))
                {
                    continue;
                }

                // A loop that failed at its bound restarts on resume under either version, as it always has.
                bool ranOut = document.Status == "review_failed" && string.Equals(name, document.CurrentStage, StringComparison.Ordinal);
                int limit = workflow.GetStage(stage).MaxIterations ?? policy.MaxReviewIterations;
                if (iterations >= limit && !ranOut)
                {
                    Refuse($"has review loop '{name}' at iteration {iterations}, and the compiled workflow allows {limit}; list {name} in reset_iterations of the migration to restart it");
                }
            }
        }

        private string? Map(string name)
        {
            if (migration.Renamed.TryGetValue(name, out string? renamed))
            {
                _renamed[name] = renamed;
                return renamed;
            }

            if (migration.Removed.TryGetValue(name, out string? resumeAt))
            {
                _removed[name] = resumeAt;
                return null;
            }

            return name;
        }

        private Dictionary<string, T>? Keyed<T>(Dictionary<string, T>? values)
        {
            if (values is null)
            {
                return null;
            }

            var mapped = new Dictionary<string, T>(values.Count, StringComparer.Ordinal);
            foreach ((string key, T value) in values)
            {
                if (Map(key) is { } name)
                {
                    mapped[name] = value;
                }
            }

            return mapped;
        }

        private int? Position(string name) =>
            workflow.TryGetStage(name, out TStage stage) ? workflow.StageOrder.IndexOf(stage) : null;

        private void Refuse(string problem) =>
            throw new WorkflowStateException(
                $"The state in '{location}' {problem} (saved under workflow version {migration.FromVersion}, compiled workflow '{workflow.Name}' version {toVersion}). "
                + "Resume it with the build that wrote it. It was left unchanged.");

        // A copy: the store's own entries are never changed.
        private static JournalEntry Renamed(JournalEntry entry, string stage) => new()
        {
            Sequence = entry.Sequence,
            ElapsedSeconds = entry.ElapsedSeconds,
            Event = entry.Event,
            Stage = stage,
            Iteration = entry.Iteration,
            Text = entry.Text,
            Approved = entry.Approved,
            TimedOut = entry.TimedOut,
            Passed = entry.Passed,
            Failed = entry.Failed,
            Total = entry.Total,
            ToolCalls = entry.ToolCalls,
            Usage = entry.Usage,
        };
    }
}

/// <summary>A run after <see cref="StateMigrator"/>: the document and journal to load, and what was done.</summary>
/// <param name="Document">The snapshot, migrated.</param>
/// <param name="Entries">One per journal entry read, in order: renamed, or <see langword="null"/> for an event of a removed stage.</param>
/// <param name="FromVersion">The version migrated from, or <see langword="null"/> when nothing was migrated.</param>
internal sealed record StateMigration(OrchestrationStateDocument Document, IReadOnlyList<JournalEntry?> Entries, string? FromVersion);
