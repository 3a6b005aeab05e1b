using System;

namespace TeamBot.Rules;

/// <summary>The tokens a stage's agent used with one model, over all its calls in the run so far.</summary>
/// <typeparam name="TStage">The generated stage enum.</typeparam>
/// <param name="Stage">The stage.</param>
/// <param name="Agent">The agent's id.</param>
/// <param name="Model">The model, when the agent said; <see langword="null"/> otherwise.</param>
/// <param name="Tokens">The tokens of those calls.</param>
/// <param name="Calls">The calls.</param>
public sealed record UsageLine<TStage>(TStage Stage, string Agent, string? Model, TokenUsage Tokens, int Calls)
    where TStage : struct, Enum;
