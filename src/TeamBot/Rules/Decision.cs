using System;
using System.Collections.Immutable;

namespace TeamBot.Rules;

/// <summary>The new state of a run and what to do next, in order.</summary>
/// <typeparam name="TStage">The generated stage enum.</typeparam>
/// <param name="State">The state after the event.</param>
/// <param name="Commands">The commands to carry out, in order.</param>
public sealed record Decision<TStage>(RunState<TStage> State, ImmutableArray<ExecutionCommand<TStage>> Commands)
    where TStage : struct, Enum;
