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

    public static TranscriptEntry Entry(AgentRequest request, AgentResponse response, Redactor redactor)
    {
        string Keep(string text) => redactor.Redact(Masked(text, request.Context));
        return Entry(request, response, redactor, Keep);
    }

    private static TranscriptEntry Entry(AgentRequest request, AgentResponse response, Redactor redactor, Func<string, string> keep) => new()
    {
        Agent = request.AgentId,
        Task = request.Task.ToString(),
        Stage = request.Context.Stage,
        Iteration = request.Context.Iteration,
        Prompt = redactor.Redact(Prompt(request)),
        Response = new RecordedResponse
        {
            Output = keep(response.Output),
            Artifacts = response.Artifacts.ToDictionary(pair => pair.Key, pair => keep(pair.Value), StringComparer.Ordinal),
            Verdict = response.Verdict?.ToString(),
            ScenarioResults = response.ScenarioResults.IsDefaultOrEmpty ? null : [.. response.ScenarioResults.Select(result => new RecordedScenario { Id = result.Id, Outcome = result.Outcome.ToString(), Detail = keep(result.Detail) })],
            ToolCalls = response.ToolCalls.IsDefaultOrEmpty ? null : [.. response.ToolCalls.Select(call => new RecordedToolCall
            {
                Agent = call.Agent,
                Tool = call.Tool,
                Arguments = keep(call.Arguments),
                Summary = keep(call.Summary),
                Refused = call.Refused,
                Output = call.Output is null ? null : keep(call.Output),
            })],
            InputTokens = response.Usage?.InputTokenCount,
            OutputTokens = response.Usage?.OutputTokenCount,
            TotalTokens = response.Usage?.TotalTokenCount,
            Model = response.ModelId,
        },
    };

    /// <summary>The answer a transcript entry recorded, in the folders of the run that replays it.</summary>
    public static AgentResponse Response(RecordedResponse recorded, AgentRequest request)
    {
        string Here(string text) => Unmasked(text, request.Context);
        return Response(recorded, Here);
    }

    private static AgentResponse Response(RecordedResponse recorded, Func<string, string> here) => new()
    {
        Output = here(recorded.Output),
        Artifacts = recorded.Artifacts.ToImmutableDictionary(pair => pair.Key, pair => here(pair.Value), StringComparer.Ordinal),
        Verdict = Enum.TryParse(recorded.Verdict, out ReviewVerdict verdict) ? verdict : null,
        ScenarioResults = [.. (recorded.ScenarioResults ?? []).Select(result => new ScenarioResult(result.Id, Enum.TryParse(result.Outcome, out ScenarioOutcome outcome) ? outcome : ScenarioOutcome.Skipped, here(result.Detail)))],
        ToolCalls = [.. (recorded.ToolCalls ?? []).Select(call => new ToolCall(call.Tool, here(call.Arguments), here(call.Summary), call.Refused) { Agent = call.Agent, Output = call.Output is null ? null : here(call.Output) })],
        Usage = recorded.InputTokens is null && recorded.OutputTokens is null && recorded.TotalTokens is null
            ? null
            : new UsageDetails { InputTokenCount = recorded.InputTokens, OutputTokenCount = recorded.OutputTokens, TotalTokenCount = recorded.TotalTokens },
        ModelId = recorded.Model,
    };
}
