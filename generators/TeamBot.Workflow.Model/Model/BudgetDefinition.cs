namespace TeamBot.Workflow.Model;

/// <summary>The <c>budget</c> section as written: the run's limits and the prices its cost is counted in.</summary>
/// <param name="Span">Where the key <c>budget</c> is.</param>
/// <remarks>Values are kept as written, with their locations; <see cref="Validation.BudgetRules"/> checks what they mean.</remarks>
public sealed record BudgetDefinition(SourceSpan Span)
{
    /// <summary>Gets the <c>tokens</c> field: the most tokens (input and output, over every call) one run may use.</summary>
    public Located<long>? Tokens { get; init; }

    /// <summary>Gets the <c>cost</c> field, in the currency of <see cref="Prices"/>.</summary>
    public Located<decimal>? Cost { get; init; }

    /// <summary>Gets the <c>time</c> field as written; the same format as a stage's <c>timeout</c>.</summary>
    public Located<string>? Time { get; init; }

    /// <summary>Gets the <c>policy</c> field as written: <c>strict</c> or <c>warn</c>.</summary>
    public Located<string>? Policy { get; init; }

    /// <summary>Gets the entries of <c>prices</c>, in the order written.</summary>
    public EquatableArray<ModelPriceDefinition> Prices { get; init; }

    /// <summary>Gets a value indicating whether <c>policy: strict</c> makes a budget below the worst case an error.</summary>
    public bool IsStrict => Policy?.Value == BudgetPolicies.Strict;
}
