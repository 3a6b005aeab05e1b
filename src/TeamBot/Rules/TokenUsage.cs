using System;

namespace TeamBot.Rules;

/// <summary>Tokens an agent call used, as its model reported them; sums of calls are added with <c>+</c>.</summary>
/// <param name="InputTokens">The prompt's tokens.</param>
/// <param name="OutputTokens">The answer's tokens.</param>
/// <param name="TotalTokens">Both; larger than their sum when the model counts others (reasoning, say).</param>
public readonly record struct TokenUsage(long InputTokens, long OutputTokens, long TotalTokens)
{
    /// <summary>Gets no tokens.</summary>
    public static TokenUsage Zero => default;

    /// <summary>Adds two usages.</summary>
    public static TokenUsage operator +(TokenUsage left, TokenUsage right) =>
        new(left.InputTokens + right.InputTokens, left.OutputTokens + right.OutputTokens, left.TotalTokens + right.TotalTokens);

    /// <summary>Adds two usages.</summary>
    public static TokenUsage Add(TokenUsage left, TokenUsage right) => left + right;

    /// <summary>Gets a usage from counts a model may leave out: a missing total is the sum of the others.</summary>
    public static TokenUsage Of(long? inputTokens, long? outputTokens, long? totalTokens)
    {
        long input = Math.Max(0, inputTokens ?? 0);
        long output = Math.Max(0, outputTokens ?? 0);
        return new TokenUsage(input, output, Math.Max(totalTokens ?? 0, input + output));
    }
}
