using System;
using System.Collections.Generic;
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
    public static string Prompt(AgentRequest request) => Masked(AnswerReader.Prompt(request), request.Context);

    /// <summary><paramref name="text"/> with the run's folders written as placeholders; the artifacts folder, often inside the workspace, first.</summary>
    private static string Masked(string text, StageContext context)
    {
        foreach ((string path, string placeholder) in Folders(context))
        {
            text = text.Replace(path, placeholder, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary><paramref name="text"/> with the placeholders back as this run's folders.</summary>
    private static string Unmasked(string text, StageContext context)
    {
        foreach ((string path, string placeholder) in Folders(context))
        {
            text = text.Replace(placeholder, path, StringComparison.Ordinal);
        }

        return text;
    }

    private static IEnumerable<(string Path, string Placeholder)> Folders(StageContext context) =>
        new[] { (context.ArtifactsDirectory, ArtifactsPlaceholder), (context.WorkingDirectory, WorkspacePlaceholder) }
            .Where(folder => folder.Item1.Length > 0)
            .OrderByDescending(folder => folder.Item1.Length);

    /// <summary>The entry for <paramref name="request"/> and its answer: folders as placeholders, secrets masked.</summary>
    public static TranscriptEntry Entry(AgentRequest request, AgentResponse response, Redactor redactor)
    {
        string Keep(string text) => redactor.Redact(Masked(text, request.Context));
        return new TranscriptEntry
        {
            Agent = request.AgentId,
            Task = request.Task.ToString(),
            Stage = request.Context.Stage,
            Iteration = request.Context.Iteration,
            Prompt = redactor.Redact(Prompt(request)),
            Response = new RecordedResponse
            {
                Output = Keep(response.Output),
                Artifacts = response.Artifacts.ToDictionary(pair => pair.Key, pair => Keep(pair.Value), StringComparer.Ordinal),
                Verdict = response.Verdict?.ToString(),
                ScenarioResults = response.ScenarioResults.IsDefaultOrEmpty ? null : [.. response.ScenarioResults.Select(result => new RecordedScenario { Id = result.Id, Outcome = result.Outcome.ToString(), Detail = Keep(result.Detail) })],
                ToolCalls = response.ToolCalls.IsDefaultOrEmpty ? null : [.. response.ToolCalls.Select(call => new RecordedToolCall
            {
                Agent = call.Agent,
                Tool = call.Tool,
                Arguments = Keep(call.Arguments),
                Summary = Keep(call.Summary),
                Refused = call.Refused,
                Output = call.Output is null ? null : Keep(call.Output),
            })],
                InputTokens = response.Usage?.InputTokenCount,
                OutputTokens = response.Usage?.OutputTokenCount,
                TotalTokens = response.Usage?.TotalTokenCount,
                Model = response.ModelId,
            },
        };
    }

    /// <summary>The answer a transcript entry recorded, in the folders of the run that replays it.</summary>
    public static AgentResponse Response(RecordedResponse recorded, AgentRequest request)
    {
        string Here(string text) => Unmasked(text, request.Context);
        return new AgentResponse
        {
            Output = Here(recorded.Output),
            Artifacts = recorded.Artifacts.ToImmutableDictionary(pair => pair.Key, pair => Here(pair.Value), StringComparer.Ordinal),
            Verdict = Enum.TryParse(recorded.Verdict, out ReviewVerdict verdict) ? verdict : null,
            ScenarioResults = [.. (recorded.ScenarioResults ?? []).Select(result => new ScenarioResult(result.Id, Enum.TryParse(result.Outcome, out ScenarioOutcome outcome) ? outcome : ScenarioOutcome.Skipped, Here(result.Detail)))],
            ToolCalls = [.. (recorded.ToolCalls ?? []).Select(call => new ToolCall(call.Tool, Here(call.Arguments), Here(call.Summary), call.Refused) { Agent = call.Agent, Output = call.Output is null ? null : Here(call.Output) })],
            Usage = recorded.InputTokens is null && recorded.OutputTokens is null && recorded.TotalTokens is null
            ? null
            : new UsageDetails { InputTokenCount = recorded.InputTokens, OutputTokenCount = recorded.OutputTokens, TotalTokenCount = recorded.TotalTokens },
            ModelId = recorded.Model,
        };
    }
}
