using System.Linq;
using Microsoft.Extensions.AI;

namespace TeamBot.Agents;

/// <summary>
/// The tokens the offline agent reports, so that budgets, the live view and the metrics can be tried without a model:
/// about four characters a token, as a model's tokenizer counts English, from the parts of the request and answer that
/// are the same wherever the run's folder is, so a run and its resumed twin count the same.
/// </summary>
internal static class OfflineUsage
{
    /// <summary>The model id the offline agent reports.</summary>
    public const string Model = "offline";

    // What a real prompt adds around the stage's own text: the persona, the instructions, the objective.
    private const int PromptOverhead = 400;

    public static UsageDetails Of(AgentRequest request, AgentResponse response)
    {
        StageContext context = request.Context;
        int prompt = context.Description.Length
            + context.ExitCriteria.Sum(criterion => criterion.Length)
            + (context.PromptTemplate?.Length ?? 0)
            + (context.ReviewFeedback?.Length ?? 0)
            + (context.WorkToReview?.Length ?? 0)
            + (context.PreviousAttempt?.Length ?? 0)
            + (context.AcceptanceFailures?.Length ?? 0);
        int answer = response.Output.Length + response.Artifacts.Values.Sum(text => text.Length);
        long input = PromptOverhead + Tokens(prompt);
        long output = Tokens(answer);
        return new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output };
    }

    private static long Tokens(int characters) => (characters + 3) / 4;
}
