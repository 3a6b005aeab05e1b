using System;

namespace TeamBot.Workflow.Costs;

/// <summary>The worst case of one pass through a stage.</summary>
/// <param name="Key">The stage's key.</param>
/// <param name="Calls">The most agent calls the pass can make.</param>
/// <param name="Tokens">
/// <paramref name="Calls"/> times the stage's <c>max_tokens_per_call</c>; 0 for a stage that calls no agent;
/// <see langword="null"/> for one that calls agents with no per-call limit.
/// </param>
/// <param name="Time">
/// The longest the pass can take, each sequential agent command running to the stage's <c>timeout</c>; zero for a stage
/// that calls no agent; <see langword="null"/> for one that calls agents with no time limit.
/// </param>
public sealed record StageWorstCase(string Key, int Calls, long? Tokens, TimeSpan? Time);
