using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using TeamBot.Definitions;
using TeamBot.Rules;

namespace TeamBot.Execution;

/// <summary>
/// Checks the run's token and cost budget before every agent call of a session. A call is made only when what the run
/// has used, what calls under way may still use and what this call may use (its stage's <c>max_tokens_per_call</c>, or
/// at least one token) fit the budget; calls under way hold their share until they answer, so concurrent members
/// cannot overrun it together.
/// </summary>
internal sealed class BudgetGuard
{
    private readonly RunBudget? _budget;
    private readonly decimal _highestPricePerToken;
    private readonly Lock _gate = new();
    private long _usedTokens;
    private decimal _usedCost;
    private string? _unpriced;
    private long _heldTokens;
    private decimal _heldCost;

    /// <summary>Initializes a guard that has counted <paramref name="used"/> already (the saved run's kept calls).</summary>
    public BudgetGuard(RunBudget? budget, System.Collections.Generic.IEnumerable<AgentUsage> used)
    {
        _budget = budget is { LimitsAnything: true } ? budget : null;
        _highestPricePerToken = _budget is null || _budget.Prices.IsDefaultOrEmpty
            ? 0m
            : _budget.Prices.Max(price => Math.Max(price.InputPerMillion, price.OutputPerMillion)) / 1_000_000m;
        foreach (AgentUsage usage in used)
        {
            Count(usage);
        }
    }

    /// <summary>Holds the budget for <paramref name="calls"/> calls of a stage, or refuses them.</summary>
    /// <exception cref="BudgetRefusedException">The calls could take the run past its budget; none may be made.</exception>
    public Hold Reserve(string stage, int? maxTokensPerCall, int calls = 1)
    {
        if (_budget is null)
        {
            return default;
        }

        long tokens = Math.Max(1, maxTokensPerCall ?? 0) * (long)calls;
        decimal cost = tokens * _highestPricePerToken;
        lock (_gate)
        {
            if (_budget.Tokens is { } maxTokens && _usedTokens + _heldTokens + tokens > maxTokens)
            {
                throw new BudgetRefusedException(Refusal("token", Number(maxTokens), Number(_usedTokens), Number(_heldTokens), stage, maxTokensPerCall is null ? null : Number(tokens)));
            }

            if (_budget.Cost is { } maxCost)
            {
                if (_unpriced is not null)
                {
                    throw new BudgetRefusedException($"The run's cost budget ({Money(maxCost)}) cannot be checked: model '{_unpriced}' has no price. Give its price per million tokens, then resume.");
                }

                if (_usedCost + _heldCost + cost > maxCost || (maxTokensPerCall is null && _usedCost >= maxCost))
                {
                    throw new BudgetRefusedException(Refusal("cost", Money(maxCost), Money(_usedCost), Money(_heldCost), stage, maxTokensPerCall is null ? null : Money(cost)));
                }
            }

            _heldTokens += tokens;
            _heldCost += cost;
        }

        return new Hold(this, tokens, cost);
    }

    /// <summary>Counts an answered call's tokens.</summary>
    public void Spend(AgentUsage usage)
    {
        if (_budget is not null)
        {
            lock (_gate)
            {
                Count(usage);
            }
        }
    }

    private void Count(AgentUsage usage)
    {
        if (_budget is null)
        {
            return;
        }

        _usedTokens += usage.Tokens.TotalTokens;
        ModelPrice? price = _budget.PriceOf(usage.Model) ?? (_budget.Prices.Length == 1 && usage.Model is null ? _budget.Prices[0] : null);
        if (price is null)
        {
            _unpriced ??= usage.Tokens.TotalTokens > 0 ? usage.Model ?? "(not reported)" : null;
            return;
        }

        _usedCost += price.CostOf(usage.Tokens.InputTokens, Math.Max(usage.Tokens.OutputTokens, usage.Tokens.TotalTokens - usage.Tokens.InputTokens));
    }

    private void Release(long tokens, decimal cost)
    {
        lock (_gate)
        {
            _heldTokens -= tokens;
            _heldCost -= cost;
        }
    }

    private static string Refusal(string what, string budget, string used, string held, string stage, string? next) =>
        $"The run's {what} budget ({budget}) would be exceeded: {used} used"
        + (held is "0" or "0.00" ? "" : $", {held} held by calls under way")
        + (next is null ? $", and the next call of {stage} could use more." : $", and the next call of {stage} may use up to {next}.")
        + " The state is saved; resume with a larger budget.";

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Money(decimal value) => value.ToString("0.00##", CultureInfo.InvariantCulture);

    /// <summary>The budget a call holds until it answers.</summary>
    internal readonly struct Hold(BudgetGuard? guard, long tokens, decimal cost) : IDisposable
    {
        public void Dispose() => guard?.Release(tokens, cost);
    }
}

/// <summary>An agent call was not made: it could have taken the run past its budget.</summary>
internal sealed class BudgetRefusedException(string message) : Exception(message);
