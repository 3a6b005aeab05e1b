using System.Threading;
using System.Threading.Tasks;

namespace TeamBot.State;

/// <summary>
/// A store that can tell whether this session still owns its run. Implement it on an <see cref="IWorkflowStateStore"/>
/// whose host can end up with two sessions of one run at once (a cluster whose grain directory lost an activation): the
/// driver asks it before each side effect, so a session that another one took over stops without doing anything more.
/// </summary>
/// <remarks>
/// <para>
/// The driver awaits <see cref="EnsureCurrentAsync"/> before it hands out an agent call, after the call returns (before
/// its result or artifacts are used), before it writes artifacts and before it writes a failure report. The store must
/// refuse its own writes (<see cref="IWorkflowStateStore.SaveAsync"/>, <see cref="IWorkflowJournal.AppendAsync"/>) from a
/// stale session itself, with the same exception, since only it can make the check and the write one step.
/// </para>
/// <para>
/// A stale fence throws <see cref="RunFencedException"/>: the session stops at once, writes no state, no artifact and
/// no report, and the exception leaves <see cref="Execution.RunDriver{TStage}.StartAsync"/> or
/// <see cref="Execution.RunDriver{TStage}.ResumeAsync"/>. It is neither a stage's failure nor the run's end: the run
/// belongs to the session that took it over. A store that cannot run twice (the local
/// <see cref="FileStateStore"/>, whose OS lock keeps a second process out) needs no fence.
/// </para>
/// </remarks>
public interface IRunFence
{
    /// <summary>Returns when this session still owns the run.</summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <exception cref="RunFencedException">Another session took the run over.</exception>
    /// <exception cref="RunStorageException">Whether it did could not be found out (the database is away): the session
    /// stops as when a save fails, with no stage failed, and the run resumes from its saved state.</exception>
    ValueTask EnsureCurrentAsync(CancellationToken cancellationToken);
}
