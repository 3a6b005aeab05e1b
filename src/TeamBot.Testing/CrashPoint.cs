namespace TeamBot.Testing;

/// <summary>Where a simulated crash stops a run: at one of its durable writes (journal appends and snapshots).</summary>
/// <param name="Write">The write, counted from 1 over all of the run's sessions.</param>
/// <param name="Moment">When, relative to that write.</param>
public readonly record struct CrashPoint(int Write, CrashMoment Moment)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Moment} write {Write}";
}
