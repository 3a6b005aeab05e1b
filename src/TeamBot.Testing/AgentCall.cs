using System;
using System.Linq;
using System.Text;
using TeamBot.Agents;

namespace TeamBot.Testing;

/// <summary>
/// One agent call as the crash matrix compares them: who was asked what, and every input that can change the answer.
/// Two calls are equal when an agent could not tell them apart; folders are left out, since each run has its own.
/// </summary>
/// <param name="Agent">The agent's id.</param>
/// <param name="Task">What it was asked to do.</param>
/// <param name="Stage">The stage's key.</param>
/// <param name="Iteration">The review iteration or acceptance run.</param>
/// <param name="Input">The rest of the request in a fixed text form: objective, feedback, previous attempt, work to
/// review, acceptance failures, scenarios and prior outputs.</param>
public sealed record AgentCall(string Agent, AgentTask Task, string Stage, int Iteration, string Input)
{
    /// <summary>The call a request makes.</summary>
    public static AgentCall From(AgentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        StageContext context = request.Context;
        var input = new StringBuilder();
        if (context.Objective is { } objective)
        {
            Field(input, "objective", objective.Title);
            Field(input, "context", objective.Context);
            foreach (string line in objective.Goals.Concat(objective.SuccessCriteria).Concat(objective.Constraints))
            {
                Field(input, "objective line", line);
            }
        }

        Field(input, "template", context.PromptTemplate);
        Field(input, "feedback", context.ReviewFeedback);
        Field(input, "previous", context.PreviousAttempt);
        Field(input, "work", context.WorkToReview);
        Field(input, "failures", context.AcceptanceFailures);
        foreach (var scenario in context.Scenarios)
        {
            Field(input, "scenario", scenario.Id);
        }

        foreach (var (stage, output) in context.PriorOutputs)
        {
            Field(input, "prior " + stage, output);
        }

        return new AgentCall(request.AgentId, request.Task, context.Stage, context.Iteration, input.ToString());
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Agent} {Task} {Stage} #{Iteration}";

    private static void Field(StringBuilder input, string name, string? value)
    {
        if (value is not null)
        {
            input.Append(name).Append(": ").Append(value.ReplaceLineEndings("\\n")).Append('\n');
        }
    }
}
