using System;
using System.Collections.Immutable;

namespace TeamBot.Definitions;

/// <summary>
/// Stages that run concurrently once <see cref="After"/> completes; <see cref="Before"/> (the gate) starts only when
/// every member has completed.
/// </summary>
/// <typeparam name="TStage">The generated stage enum.</typeparam>
public sealed class ParallelGroupDescriptor<TStage>
    where TStage : struct, Enum
{
    /// <summary>The concurrency used when <c>max_concurrency</c> is not given.</summary>
    public const int DefaultMaxConcurrency = 2;

    /// <summary>Gets the group's name, its key under <c>parallel_groups</c> (also its key in state files).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the stage whose completion starts the group (the trigger).</summary>
    public required TStage After { get; init; }

    /// <summary>Gets the member stages in declaration order.</summary>
    public required ImmutableArray<TStage> Stages { get; init; }

    /// <summary>Gets the stage that waits for every member (the gate).</summary>
    public required TStage Before { get; init; }

    /// <summary>Gets the most members that run at the same time.</summary>
    public int MaxConcurrency { get; init; } = DefaultMaxConcurrency;

    /// <inheritdoc/>
    public override string ToString() => Name;
}
