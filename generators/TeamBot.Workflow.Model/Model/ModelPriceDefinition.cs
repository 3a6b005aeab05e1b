namespace TeamBot.Workflow.Model;

/// <summary>One entry of <c>budget.prices</c>: a model and what a million of its tokens cost.</summary>
/// <param name="Model">The model id, the entry's key.</param>
/// <param name="Input">The <c>input</c> field: the price of a million input tokens.</param>
/// <param name="Output">The <c>output</c> field: the price of a million output tokens.</param>
public sealed record ModelPriceDefinition(Located<string> Model, Located<decimal>? Input, Located<decimal>? Output);
