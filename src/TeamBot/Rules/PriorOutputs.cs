using System;
using System.Collections;
using System.Collections.Generic;
using TeamBot.Definitions;

namespace TeamBot.Rules;

/// <summary>
/// The outputs of the stages before a stage, in stage order, listed only when an agent first reads them: building the
/// list for every stage would make a long run's overhead grow with the square of its length. Safe to defer because the
/// run state it reads is immutable.
/// </summary>
/// <remarks>
/// The members of the stage's own parallel group are left out, as are later stages: which of them has finished
/// depends on scheduling (and on when a run stopped and resumed), and an agent's input must not.
/// </remarks>
internal sealed class PriorOutputs<TStage>(IWorkflowDefinition<TStage> workflow, RunState<TStage> state, TStage stage) : IReadOnlyList<KeyValuePair<string, string>>
    where TStage : struct, Enum
{
    private List<KeyValuePair<string, string>>? _items;

    public int Count => Items.Count;

    private List<KeyValuePair<string, string>> Items => _items ??= List();

    public KeyValuePair<string, string> this[int index] => Items[index];

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => Items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private List<KeyValuePair<string, string>> List()
    {
        var prior = new List<KeyValuePair<string, string>>(state.Outputs.Count);
        string? group = workflow.GetGroupOf(stage)?.Name;
        foreach (TStage done in workflow.StageOrder)
        {
            if (EqualityComparer<TStage>.Default.Equals(done, stage))
            {
                break;
            }

            if (state.Outputs.TryGetValue(done, out string? output) && (group is null || workflow.GetGroupOf(done)?.Name != group))
            {
                prior.Add(new(workflow.GetStageName(done), output));
            }
        }

        return prior;
    }
}
