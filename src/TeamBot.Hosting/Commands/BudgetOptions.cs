using System;
using System.Collections.Immutable;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using TeamBot.Definitions;

namespace TeamBot.Hosting.Commands;

/// <summary>
/// --token-budget, --cost-budget and --price: the run's budget at run time, over the one stages.yaml declares (and on
/// resume, over the one saved with the run, so a run stopped on its budget goes on with a larger one).
/// </summary>
internal sealed class BudgetOptions
{
    public Option<long?> Tokens { get; } = new("--token-budget")
    {
        HelpName = "tokens",
        Description = "The most tokens (input and output) the run's agent calls may use, over all its sessions; the run stops before a call that could exceed it (exit code 9), resumable with a larger one. Default: budget.tokens in stages.yaml.",
        Validators = { Positive },
    };

    public Option<decimal?> Cost { get; } = new("--cost-budget")
    {
        HelpName = "amount",
        Description = "The most the run may cost at the models' prices (--price or budget.prices in stages.yaml). Default: budget.cost in stages.yaml.",
        Validators = { Positive },
    };

    public Option<ModelPrice[]> Prices { get; } = new("--price")
    {
        HelpName = "model=input/output",
        Description = "A model's price per million tokens, as model=input/output (for example gpt-4.1-mini=0.40/1.60); repeat for several models.",
        CustomParser = ParsePrices,
        Arity = ArgumentArity.ZeroOrMore,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Tokens);
        command.Options.Add(Cost);
        command.Options.Add(Prices);
    }

    /// <summary>The budget given on the command line, or <see langword="null"/> when none of its options was.</summary>
    public RunBudget? Of(ParseResult parse)
    {
        long? tokens = parse.GetValue(Tokens);
        decimal? cost = parse.GetValue(Cost);
        ModelPrice[] prices = parse.GetValue(Prices) ?? [];
        return tokens is null && cost is null && prices.Length == 0 ? null : new RunBudget { Tokens = tokens, Cost = cost, Prices = [.. prices] };
    }

    /// <summary>Refuses a budget of zero or less; read from the token, as a value the parser refused is reported by it, not thrown here.</summary>
    private static void Positive(OptionResult result)
    {
        foreach (Token token in result.Tokens)
        {
            if (decimal.TryParse(token.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal value) && value <= 0)
            {
                result.AddError($"{result.Option.Name}: the budget must be more than zero, not {token.Value}");
            }
        }
    }

    private static ModelPrice[] ParsePrices(ArgumentResult result)
    {
        var prices = ImmutableArray.CreateBuilder<ModelPrice>();
        foreach (Token token in result.Tokens)
        {
            string text = token.Value;
            int equals = text.LastIndexOf('=');
            string[] amounts = equals < 0 ? [] : text[(equals + 1)..].Split('/');
            if (equals <= 0 || amounts.Length != 2
                || !decimal.TryParse(amounts[0], NumberStyles.Number, CultureInfo.InvariantCulture, out decimal input) || input < 0
                || !decimal.TryParse(amounts[1], NumberStyles.Number, CultureInfo.InvariantCulture, out decimal output) || output < 0)
            {
                result.AddError($"--price: '{text}' is not model=input/output with prices per million tokens, such as gpt-4.1-mini=0.40/1.60");
                return [];
            }

            prices.Add(new ModelPrice(text[..equals].Trim(), input, output));
        }

        return prices.ToArray();
    }
}
