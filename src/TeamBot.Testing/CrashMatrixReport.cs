using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace TeamBot.Testing;

/// <summary>What a crash matrix checked and every way a crashed run differed from the uncrashed one.</summary>
public sealed class CrashMatrixReport
{
    internal CrashMatrixReport(int writes, int crashPoints, int doubleCrashes, int unreached, TimeSpan duration, IReadOnlyList<string> divergences)
    {
        Unreached = unreached;
        Writes = writes;
        CrashPoints = crashPoints;
        DoubleCrashes = doubleCrashes;
        Duration = duration;
        Divergences = divergences;
    }

    /// <summary>Gets the durable writes (journal appends and snapshots) of the uncrashed run.</summary>
    public int Writes { get; }

    /// <summary>Gets the crash points checked: before, inside and after each write.</summary>
    public int CrashPoints { get; }

    /// <summary>Gets the runs that crashed a second time, while resuming.</summary>
    public int DoubleCrashes { get; }

    /// <summary>Gets the crash points no run reached, even after <see cref="CrashMatrix{TStage}.UnreachedRetries"/> more
    /// runs: their events shared writes differently (it depends on scheduling), so they made fewer writes. Those runs are
    /// compared all the same, as uncrashed ones.</summary>
    public int Unreached { get; }

    /// <summary>Gets how long the matrix took.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Gets each crash point whose resumed run differed, with how.</summary>
    public IReadOnlyList<string> Divergences { get; }

    /// <summary>Gets a value indicating whether every crashed run resumed to the uncrashed run's calls, state and files.</summary>
    public bool IsEquivalent => Divergences.Count == 0;

    /// <summary>Throws when a crashed run diverged, listing how.</summary>
    /// <exception cref="CrashEquivalenceException">At least one crash point diverged.</exception>
    public void EnsureEquivalent()
    {
        if (!IsEquivalent)
        {
            throw new CrashEquivalenceException($"{this}\n{string.Join("\n", Divergences.Take(20))}");
        }
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"Checked {CrashPoints} crash points over {Writes} writes ({DoubleCrashes} with a second crash while resuming; {Unreached} points no run reached) in {Duration.TotalSeconds:F1} s: {(IsEquivalent ? "every resumed run was equivalent" : $"{Divergences.Count} diverged")}.");
}
