using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.Extensions.AI;
using TeamBot.AcceptanceTests;
using TeamBot.Rules;

namespace TeamBot.Agents.Replay;

/// <summary>Turns a request and its answer into a transcript entry and back, with the run's folders and secrets masked.</summary>
internal static class RecordedCall
{
    public const string WorkspacePlaceholder = "{workspace}";
    public const string ArtifactsPlaceholder = "{artifacts}";

    /// <summary>The prompt of <paramref name="request"/> as a transcript compares it: the same wherever the run's folder is.</summary>
    public static string Prompt(AgentRequest request)
    {
        StageContext context = request.Context;
        string prompt = AnswerReader.Prompt(request);

        // The artifacts folder is usually inside the workspace's run folder: replaced first, as the longer path.
        foreach ((string path, string placeholder) in new[] { (context.ArtifactsDirectory, ArtifactsPlaceholder), (context.WorkingDirectory, WorkspacePlaceholder) }.OrderByDescending(pair => pair.Item1.Length))
        {
            if (path.Length > 0)
            {
                prompt = prompt.Replace(path, placeholder, StringComparison.Ordinal);
            }
        }

        return prompt;
    }

    public static TranscriptEntry Entry(AgentRequest request, AgentResponse response, Redactor redactor) => new()
    {
        Agent = request.AgentId,
        Task = request.Task.ToString(),
        Stage = request.Context.Stage,
        Iteration = request.Context.Iteration,
        Prompt = redactor.Redact(Prompt(request)),
        Response = new RecordedResponse
        {
            Output = redactor.Redact(response.Output),
            Artifacts = response.Artifacts.ToDictionary(pair => pair.Key, pair => redactor.Redact(pair.Value), StringComparer.Ordinal),
            Verdict = response.Verdict?.ToString(),
            ScenarioResults = response.ScenarioResults.IsDefaultOrEmpty ? null : [.. response.ScenarioResults.Select(result => new RecordedScenario { Id = result.Id, Outcome = result.Outcome.ToString(), Detail = redactor.Redact(result.Detail) })],
            ToolCalls = response.ToolCalls.IsDefaultOrEmpty ? null : [.. response.ToolCalls.Select(call => new RecordedToolCall
            {
                Agent = call.Agent,
                Tool = call.Tool,
                Arguments = redactor.Redact(call.Arguments),
                Summary = redactor.Redact(call.Summary),
                Refused = call.Refused,
                Output = call.Output is null ? null : redactor.Redact(call.Output),
            })],
            InputTokens = response.Usage?.InputTokenCount,
            OutputTokens = response.Usage?.OutputTokenCount,
            TotalTokens = response.Usage?.TotalTokenCount,
            Model = response.ModelId,
        },
    };

    /// <summary>The answer a transcript entry recorded.</summary>
    public static AgentResponse Response(RecordedResponse recorded) => new()
    {
        Output = recorded.Output,
        Artifacts = recorded.Artifacts.ToImmutableDictionary(StringComparer.Ordinal),
        Verdict = Enum.TryParse(recorded.Verdict, out ReviewVerdict verdict) ? verdict : null,
        ScenarioResults = [.. (recorded.ScenarioResults ?? []).Select(result => new ScenarioResult(result.Id, Enum.TryParse(result.Outcome, out ScenarioOutcome outcome) ? outcome : ScenarioOutcome.Skipped, result.Detail))],
        ToolCalls = [.. (recorded.ToolCalls ?? []).Select(call => new ToolCall(call.Tool, call.Arguments, call.Summary, call.Refused) { Agent = call.Agent, Output = call.Output })],
        Usage = recorded.InputTokens is null && recorded.OutputTokens is null && recorded.TotalTokens is null
            ? null
            : new UsageDetails { InputTokenCount = recorded.InputTokens, OutputTokenCount = recorded.OutputTokens, TotalTokenCount = recorded.TotalTokens },
        ModelId = recorded.Model,
    };
}
