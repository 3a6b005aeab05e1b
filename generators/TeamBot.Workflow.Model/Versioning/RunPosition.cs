using System.Linq;
using TeamBot.Workflow.Model;

namespace TeamBot.Workflow.Versioning;

/// <summary>
/// Where a saved, unfinished run can be: at a stage (with the iterations a loop has finished), or inside a parallel
/// group with some members finished. Every stage before it in <c>stage_order</c> has completed.
/// </summary>
/// <param name="Stage">The current stage; for a group, its first member.</param>
/// <param name="Iterations">The iterations a loop stage has finished; 0 for a work stage.</param>
/// <param name="Group">The group the run is inside, or <see langword="null"/>.</param>
/// <param name="Finished">The group's members that have finished (completed or failed).</param>
public sealed record RunPosition(string Stage, int Iterations, string? Group, EquatableArray<string> Finished)
{
    /// <summary>Describes the position for a message: "at 'SPEC_REVIEW' after 3 iterations".</summary>
    public string Describe()
    {
        if (Group is not null)
        {
            string finished = Finished.Count == 0 ? "no member" : string.Join(", ", Finished.Select(member => $"'{member}'"));
            return $"inside parallel group '{Group}' with {finished} finished";
        }

        return Iterations == 0 ? $"at '{Stage}'" : $"at '{Stage}' after {Iterations} iteration{(Iterations == 1 ? "" : "s")}";
    }
}
