using System;
using System.Globalization;
using System.Text;
using TeamBot.AcceptanceTests;
using TeamBot.Objectives;

namespace TeamBot.Agents;

/// <summary>
/// Turns an <see cref="AgentRequest"/> into the prompt text an LLM agent receives: the stage, its template, the
/// objective, where to work, what to produce, and what the task needs (work to review, feedback, scenarios, failures).
/// </summary>
public static class PromptBuilder
{
    /// <summary>The longest prior-stage output included; longer ones are cut, since artifacts hold the full text.</summary>
    public const int MaxPriorOutputLength = 2000;

    /// <summary>Builds the prompt for <paramref name="request"/>.</summary>
    public static string Build(AgentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        StageContext context = request.Context;
        var prompt = new StringBuilder();
        prompt.Append(CultureInfo.InvariantCulture, $"# Stage: {context.StageName} ({context.Stage})\n\n");
        prompt.Append(CultureInfo.InvariantCulture, $"You are {request.AgentId}. {Instruction(request.Task)}\n\n");
        if (context.Description.Length > 0)
        {
            prompt.Append(context.Description).Append("\n\n");
        }

        if (context.PromptTemplate is { Length: > 0 } template)
        {
            prompt.Append(template.TrimEnd()).Append("\n\n");
        }

        if (context.Objective is { } objective)
        {
            AppendObjective(prompt, objective);
        }

        prompt.Append("## Workspace\n\n")
            .Append(CultureInfo.InvariantCulture, $"- Working directory: {context.WorkingDirectory}\n")
            .Append(CultureInfo.InvariantCulture, $"- Artifacts directory: {context.ArtifactsDirectory}\n\n");
        AppendList(prompt, "Required artifacts", context.RequiredArtifacts);
        AppendList(prompt, "Exit criteria", context.ExitCriteria);
        foreach ((string stage, string output) in context.PriorOutputs)
        {
            prompt.Append(CultureInfo.InvariantCulture, $"## Output of {stage}\n\n{Cut(output)}\n\n");
        }

        AppendTask(prompt, request.Task, context);
        return prompt.ToString().TrimEnd() + "\n";
    }

    private static string Instruction(AgentTask task) => task switch
    {
        AgentTask.Work => "Do this stage's work and write its artifacts.",
        AgentTask.ReviseWork => "Prepare the work for review, revising it where the reviewer asked.",
        AgentTask.Review => $"Review the work below. If it meets every exit criterion, start your answer with `{ReviewVerdicts.ApprovalMarker}` and a one-line reason; otherwise list the changes needed.",
        AgentTask.RunAcceptanceTests => "Execute each acceptance test scenario below against the built feature and report each as `AT-NNN: PASS` or `AT-NNN: FAIL - reason`.",
        AgentTask.FixAcceptanceFailures => "Fix the code so that the failed acceptance test scenarios below pass, then summarize the fix.",
        AgentTask.AddAcceptanceScenarios => "The acceptance tests found no scenarios in the spec. Write the spec again in full, keeping all it says, with a `## Acceptance Test Scenarios` section: one `### AT-NNN: name` per success criterion, each with **Description**, **Preconditions**, **Steps**, **Expected Result** and **Verification**.",
        _ => "",
    };

    private static void AppendObjective(StringBuilder prompt, Objective objective)
    {
        prompt.Append(CultureInfo.InvariantCulture, $"## Objective: {objective.Title}\n\n");
        AppendList(prompt, "Goals", objective.Goals);
        AppendList(prompt, "Success criteria", objective.SuccessCriteria);
        AppendList(prompt, "Constraints", objective.Constraints);
        if (objective.Context.Length > 0)
        {
            prompt.Append("### Context\n\n").Append(objective.Context.Trim()).Append("\n\n");
        }
    }

    private static void AppendTask(StringBuilder prompt, AgentTask task, StageContext context)
    {
        if (task is AgentTask.ReviseWork or AgentTask.Review && context.WorkToReview is { } work)
        {
            prompt.Append(CultureInfo.InvariantCulture, $"## Work to review (iteration {context.Iteration})\n\n{work}\n\n");
        }

        if (context.ReviewFeedback is { } feedback)
        {
            prompt.Append("## Reviewer's feedback on the previous attempt\n\n").Append(feedback).Append("\n\n");
        }

        if (context.PreviousAttempt is { } previous)
        {
            prompt.Append("## Previous attempt\n\n").Append(Cut(previous)).Append("\n\n");
        }

        if (task == AgentTask.RunAcceptanceTests)
        {
            prompt.Append(CultureInfo.InvariantCulture, $"## Acceptance test scenarios (run {context.Iteration})\n\n");
            foreach (AcceptanceScenario scenario in context.Scenarios)
            {
                prompt.Append(CultureInfo.InvariantCulture, $"### {scenario.Id}: {scenario.Name}\n")
                    .Append(CultureInfo.InvariantCulture, $"- Description: {scenario.Description}\n- Preconditions: {scenario.Preconditions}\n")
                    .Append(CultureInfo.InvariantCulture, $"- Steps: {scenario.Steps}\n- Expected result: {scenario.ExpectedResult}\n- Verification: {scenario.Verification}\n\n");
            }
        }

        if (context.AcceptanceFailures is { } failures)
        {
            prompt.Append("## Failed acceptance test run\n\n").Append(failures).Append("\n\n");
        }
    }

    private static void AppendList(StringBuilder prompt, string heading, System.Collections.Generic.IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        prompt.Append("### ").Append(heading).Append("\n\n");
        foreach (string item in items)
        {
            prompt.Append("- ").Append(item).Append('\n');
        }

        prompt.Append('\n');
    }

    private static string Cut(string text) =>
        text.Length <= MaxPriorOutputLength ? text.TrimEnd() : string.Concat(text.AsSpan(0, MaxPriorOutputLength), "\n[... cut; see the artifacts]");
}
