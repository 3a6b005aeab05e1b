using System;
using System.Diagnostics;
using TeamBot.Rules;
using TeamBot.Telemetry;

namespace TeamBot.Agents;

/// <summary>
/// One span per tool call, after the OpenTelemetry GenAI conventions (<c>execute_tool {name}</c>, with
/// <c>gen_ai.operation.name</c>, <c>gen_ai.tool.name</c> and <c>gen_ai.tool.call.id</c>), under the agent call's span
/// and in TeamBot's own source, so whoever subscribes to <see cref="WorkflowTelemetry.Name"/> sees them.
/// </summary>
internal static class ToolSpans
{
    private static readonly ActivitySource Source = new(WorkflowTelemetry.Name, typeof(ToolSpans).Assembly.GetName().Version?.ToString());

    /// <summary>Starts the span of a call as it begins; <see cref="End"/> finishes it.</summary>
    public static Activity? Start(string tool, string? callId, ActivityContext parent = default, DateTimeOffset startTime = default)
    {
        Activity? activity = Source.StartActivity($"execute_tool {tool}", ActivityKind.Internal, parent, startTime: startTime);
        activity?.SetTag("gen_ai.operation.name", "execute_tool");
        activity?.SetTag("gen_ai.tool.name", tool);
        activity?.SetTag("gen_ai.tool.type", "function");
        activity?.SetTag("gen_ai.tool.call.id", callId);
        return activity;
    }

    /// <summary>Ends the span with what came of the call: refused and failed calls are errors, with the reason.</summary>
    public static void End(Activity? activity, ToolCall call)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("teambot.agent", call.Agent);
        activity.SetTag("teambot.tool.refused", call.Refused);
        activity.SetTag("teambot.tool.summary", call.Summary);
        if (call.Refused || call.Summary.StartsWith("failed", StringComparison.Ordinal))
        {
            activity.SetTag("error.type", call.Refused ? "refused" : "failed");
            activity.SetStatus(ActivityStatusCode.Error, call.Summary);
        }

        activity.Dispose();
    }
}
