using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using TeamBot.Definitions;
using TeamBot.Execution;
using TeamBot.Rules;
using TeamBot.State;
using TeamBot.Tests.Fakes;
using TeamBot.Tests.Support;
using Xunit.Abstractions;

namespace TeamBot.Tests.State;

/// <summary>
/// Mutated state documents and journals through the loader, the validator and the rules: no exception but a
/// <see cref="WorkflowStateException"/> naming the file, no file changed, and every state that loads runs to an end
/// under agents that never approve. <c>TEAMBOT_FUZZ_CASES=100000</c> runs a longer campaign.
/// </summary>
public sealed class StateFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261201;

    // Far more than any run of the test workflow takes with every loop at its bound: more is a loop without end.
    private const int MaxDecisions = 5_000;

    [Fact]
    public async Task Mutated_state_documents_load_into_a_run_that_ends_or_are_refused_naming_the_file()
    {
        (string state, string journal) = await MidRunAsync();
        string[] seeds = [state, File.ReadAllText(Fixture("every-field.json")), File.ReadAllText(Fixture("mid-review.json"))];
        var mutator = new StateMutator(Seed);
        await CampaignAsync("state documents", i => (mutator.MutateDocument(seeds[i % seeds.Length]), null));
    }

    [Fact]
    public async Task Mutated_journals_replay_into_a_run_that_ends_or_are_refused_naming_the_journal()
    {
        (string state, string journal) = await MidRunAsync();
        var mutator = new StateMutator(Seed + 1);
        await CampaignAsync("journals", _ => (System.Text.Encoding.UTF8.GetBytes(state), mutator.MutateJournal(journal)));
    }

    private async Task CampaignAsync(string kind, Func<int, (byte[] State, byte[]? Journal)> next)
    {
        int cases = FuzzLog.Cases(4_000);
        using var run = new TestRun();
        var store = new FileStateStore(run.Directory);
        int loaded = 0, refused = 0, ran = 0;
        var failures = new List<string>();
        for (int i = 0; i < cases && failures.Count < 5; i++, ran++)
        {
            (byte[] state, byte[]? journal) = next(i);
            File.WriteAllBytes(store.StatePath, state);
            File.Delete(store.JournalPath);
            if (journal is not null)
            {
                File.WriteAllBytes(store.JournalPath, journal);
            }

            try
            {
                SavedRun<Stage>? saved = await SavedRun.LoadAsync(Workflow.Definition, store);
                string? endless = RunsToAnEnd(saved!);
                if (endless is not null)
                {
                    failures.Add($"case {i}: {endless}");
                }

                loaded++;
            }
            catch (WorkflowStateException ex) when (ex.Message.Contains(store.StatePath, StringComparison.Ordinal) || ex.Message.Contains(store.JournalPath, StringComparison.Ordinal))
            {
                refused++;
            }
#pragma warning disable CA1031 // Every other exception is the finding this test reports.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures.Add($"case {i}: {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}");
            }

            if (!File.ReadAllBytes(store.StatePath).AsSpan().SequenceEqual(state) || (journal is not null && !File.ReadAllBytes(store.JournalPath).AsSpan().SequenceEqual(journal)))
            {
                failures.Add($"case {i}: an input file was changed");
            }
        }

        FuzzLog.Write(output, kind, $"{ran} cases (seed {Seed}): {loaded} loaded and ran to an end, {refused} refused naming the file, {failures.Count} failures");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        Assert.True(loaded > 0 && refused > 0, "The mutations should give both loadable and refused files.");
    }

    /// <summary>Runs the rules from a loaded state under agents that never approve and tests that never pass.</summary>
    /// <returns>Why the run did not end, or <see langword="null"/>.</returns>
    private static string? RunsToAnEnd(SavedRun<Stage> saved)
    {
        var rules = new ExecutionRules<Stage>(Workflow.Definition, saved.Document.ExecutionPolicy?.ToPolicy() ?? new ExecutionPolicy());
        RunState<Stage> state = saved.State;
        var pending = new Queue<ExecutionEvent<Stage>>([new RunStarted<Stage>()]);
        for (int decisions = 0; pending.TryDequeue(out ExecutionEvent<Stage>? @event); decisions++)
        {
            if (decisions == MaxDecisions)
            {
                return $"no end after {MaxDecisions} decisions, at {state.CurrentStage} ({state.Status})";
            }

            Decision<Stage> decision = rules.Decide(state, @event);
            state = decision.State;
            if (decision.Commands.Any(command => command is FinishRun<Stage>))
            {
                return null;
            }

            foreach (ExecutionEvent<Stage> reply in decision.Commands.SelectMany(Reject))
            {
                pending.Enqueue(reply);
            }
        }

        return $"stalled at {state.CurrentStage} ({state.Status}) with nothing to do";
    }

    private static IEnumerable<ExecutionEvent<Stage>> Reject(ExecutionCommand<Stage> command) => command switch
    {
        RunStageWork<Stage> c => [new StageSucceeded<Stage>(c.Stage, "done")],
        RunGroupMembers<Stage> c => c.Members.Select(member => (ExecutionEvent<Stage>)new StageSucceeded<Stage>(member, "done")),
        RunReviewWork<Stage> c => [new ReviewWorkDone<Stage>(c.Stage, c.Iteration, "work")],
        RunReview<Stage> c => [new ReviewVerdictGiven<Stage>(c.Stage, c.Iteration, false, "Not approved")],
        RunAcceptanceTests<Stage> c => [new AcceptanceTestsRan<Stage>(c.Stage, c.Iteration, 0, 3, 3, "FAIL x3")],
        FixAcceptanceFailures<Stage> c => [new AcceptanceFixApplied<Stage>(c.Stage, c.Iteration, "fixed")],
        _ => [],
    };

    /// <summary>A run stopped at its acceptance tests, with a review that rejected once behind it: a state and a journal with a bit of everything.</summary>
    private static async Task<(string State, string Journal)> MidRunAsync()
    {
        using var run = new TestRun();
        run.Team.ApproveFromIteration = 2;
        run.Team.ToolCalls["IMPLEMENTATION"] = [new ToolCall("write_file", "{\"path\":\"a.cs\"}", "wrote", Refused: false)];
        TaskCompletionSource gate = run.Team.Gate("ACCEPTANCE_TEST");
        Task<WorkflowResult> running = run.RunAsync(Workflow.Definition, new WorkflowRunnerOptions { SnapshotInterval = 12 });
        await TestSupport.WaitUntilAsync(() => run.Team.Calls.Any(call => call.Context.Stage == "ACCEPTANCE_TEST"), "a call of ACCEPTANCE_TEST");

        (string state, string journal) = (File.ReadAllText(run.Store.StatePath), File.ReadAllText(run.Store.JournalPath));
        gate.SetResult();
        await running;
        Assert.Contains("review_attempts", state, StringComparison.Ordinal);
        Assert.True(journal.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length >= 3, journal);
        return (state, journal);
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
}
