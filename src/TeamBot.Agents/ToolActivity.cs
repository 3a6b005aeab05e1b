using TeamBot.Rules;

namespace TeamBot.Agents;

/// <summary>The live activity a tool call reports, the same line whichever agent made it.</summary>
internal static class ToolActivity
{
    public static AgentActivity Of(ToolCall call) =>
        new(AgentActivityKind.ToolCall, $"{(call.Refused ? "refused " : "")}{call.Tool}: {call.Summary}");
}
