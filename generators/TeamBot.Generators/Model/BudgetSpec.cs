using System;
using TeamBot.Workflow.Model;

namespace TeamBot.Generators.Model;

/// <summary>The <c>budget</c> section, checked and resolved: what the emitter writes into the definition's <c>Budget</c>.</summary>
internal sealed record BudgetSpec(long? Tokens, decimal? Cost, TimeSpan? Time, bool Strict, EquatableArray<PriceSpec> Prices);
