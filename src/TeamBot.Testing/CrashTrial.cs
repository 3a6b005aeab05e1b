using TeamBot.Agents;
using TeamBot.Objectives;
using TeamBot.State;

namespace TeamBot.Testing;

/// <summary>
/// One run of the crash matrix, as a host sees it: a name for its state and folder, the agents and clock to run it
/// with, and the store wrapper through which every write must go.
/// </summary>
public sealed class CrashTrial
{
    private readonly CrashPlan _plan;

    internal CrashTrial(string id, ScriptedTeam team, Objective objective, CrashPlan plan)
    {
        Id = id;
        Team = team;
        Objective = objective;
        Agents = AgentRegistry.ForAll(team);
        _plan = plan;
    }

    /// <summary>Gets the run's name, unique within the matrix; a host keys the run's state and folder by it.</summary>
    public string Id { get; }

    /// <summary>Gets the agents (one scripted team for every agent id) and, as <see cref="ScriptedTeam.Clock"/>, the clock.</summary>
    public ScriptedTeam Team { get; }

    /// <summary>Gets the objective the run is for.</summary>
    public Objective Objective { get; }

    /// <summary>Gets the agents as a registry: the scripted team answers for every id.</summary>
    public AgentRegistry Agents { get; }

    /// <summary>The store a session must save through: it counts the writes and crashes the session at the trial's
    /// crash point by throwing <see cref="SimulatedCrashException"/>. Wrap a fresh one for each session.</summary>
    /// <param name="store">Where the run's state is really kept; it must have a journal.</param>
    public IWorkflowStateStore Wrap(IWorkflowStateStore store) => new CrashingStateStore(store, _plan);
}
