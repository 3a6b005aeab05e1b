using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using TeamBot.Definitions;
using TeamBot.Rules;

namespace TeamBot.Execution;

/// <summary>
/// Checks the run's token and cost budget before every agent call of a session. A call is made only when what the run
/// has used, what calls under way may still use and what this call may use (its stage's <c>max_tokens_per_call</c>, or
/// at least one token) fit the budget. A call holds its share until it answers, and gives it back in the same step as
/// its tokens are counted, so concurrent calls never both pass on the same room.
/// </summary>
internal sealed class BudgetGuard
{
    private readonly RunBudget? _budget;
    private readonly decimal _highestPricePerToken;
    private readonly Lock _gate = new();
    private long _usedTokens;
    private decimal _usedCost;
    private string? _unpriced;
    private string? _unmetered;
    private long _heldTokens;
    private decimal _heldCost;

    /// <summary>Initializes a guard that has counted <paramref name="used"/> already (the saved run's kept calls).</summary>
    public BudgetGuard(RunBudget? budget, IEnumerable<AgentUsage> used)
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
            return Hold.Unlimited;
        }

        long perCall = Math.Max(1, maxTokensPerCall ?? 0);
        long tokens = perCall * calls;
        decimal cost = tokens * _highestPricePerToken;
        string next = calls == 1 ? $"the next call of {stage}" : $"the next {calls} calls of {stage}";
        lock (_gate)
        {
            if (_unmetered is not null)
            {
                throw new BudgetRefusedException($"The run's budget cannot be kept: agent '{_unmetered}' reports no token usage. Run it without a token or cost budget, or with an agent that reports usage.");
            }

            if (_budget.Tokens is { } maxTokens && _usedTokens + _heldTokens + tokens > maxTokens)
            {
                throw new BudgetRefusedException(Refusal("token", Number(maxTokens), Number(_usedTokens), _heldTokens == 0 ? null : Number(_heldTokens), next, maxTokensPerCall is null ? null : Number(tokens)));
            }

            if (_budget.Cost is { } maxCost)
            {
                if (_unpriced is not null)
                {
                    throw new BudgetRefusedException($"The run's cost budget ({Money(maxCost)}) cannot be kept: model '{_unpriced}' has no price. Give its price per million tokens (--price {_unpriced}=<input>/<output>), then resume.");
                }

                if (_usedCost + _heldCost + cost > maxCost || (maxTokensPerCall is null && _usedCost >= maxCost))
                {
                    throw new BudgetRefusedException(Refusal("cost", Money(maxCost), Money(_usedCost), _heldCost == 0 ? null : Money(_heldCost), next, maxTokensPerCall is null ? null : Money(cost)));
                }
            }

            _heldTokens += tokens;
            _heldCost += cost;
        }

        return new Hold(this, perCall, perCall * _highestPricePerToken, calls);
    }

    private void Settle(long tokens, decimal cost, AgentUsage? usage, string agent)
    {
        lock (_gate)
        {
            _heldTokens -= tokens;
            _heldCost -= cost;
            if (usage is null)
            {
                // An agent that cannot say what it used would let the run spend without limit: the next call is refused.
                _unmetered ??= agent;
            }
            else
            {
                Count(usage);
            }
        }
    }

    private void Release(long tokens, decimal cost)
    {
        lock (_gate)
        {
            _heldTokens -= tokens;
            _heldCost -= cost;
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
            _unpriced ??= _budget.Cost is not null && usage.Tokens.TotalTokens > 0 ? usage.Model ?? "(not reported)" : null;
            return;
        }

        _usedCost += price.CostOf(usage.Tokens.InputTokens, Math.Max(usage.Tokens.OutputTokens, usage.Tokens.TotalTokens - usage.Tokens.InputTokens));
    }

    // held is null when calls under way hold nothing; nextMayUse is null when the stage declares no per-call limit.
    private static string Refusal(string what, string budget, string used, string? held, string next, string? nextMayUse)
    {
        string underWay = held is null ? "" : $", {held} held by calls under way";
        return (nextMayUse is null
            ? $"The run's {what} budget ({budget}) is used up: {used} used{underWay}; {next} was not made."
            : $"The run's {what} budget ({budget}) would be exceeded: {used} used{underWay}, and {next} may use up to {nextMayUse}.")
            + " The state is saved; resume with a larger budget.";
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Money(decimal value) => value.ToString("0.00##", CultureInfo.InvariantCulture);

    /// <summary>
    /// The budget held for one or more calls of a stage (its parallel agents): each call settles its share as it answers;
    /// disposing gives back the shares of calls that never answered.
    /// </summary>
    internal sealed class Hold(BudgetGuard? guard, long tokensPerCall, decimal costPerCall, int calls) : IDisposable
    {
        /// <summary>Gets the hold of a run without a budget: one shared instance that holds nothing, so calls allocate none.</summary>
        public static readonly Hold Unlimited = new(null, 0, 0m, 0);

        private int _open = calls;

        /// <summary>Gives back one call's share and counts what the call used, in one step.</summary>
        /// <param name="usage">The call's tokens; <see langword="null"/> when its agent reported none.</param>
        /// <param name="agent">The agent that answered.</param>
        public void Settle(AgentUsage? usage, string agent)
        {
            if (guard is not null && Interlocked.Decrement(ref _open) >= 0)
            {
                guard.Settle(tokensPerCall, costPerCall, usage, agent);
            }
        }

        public void Dispose()
        {
            int open = Interlocked.Exchange(ref _open, 0);
            if (guard is not null && open > 0)
            {
                guard.Release(tokensPerCall * open, costPerCall * open);
            }
        }
    }
}

/// <summary>An agent call was not made: it could have taken the run past its budget.</summary>
internal sealed class BudgetRefusedException(string message) : Exception(message);
