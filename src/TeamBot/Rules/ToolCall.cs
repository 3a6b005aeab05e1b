namespace TeamBot.Rules;

/// <summary>One tool call an agent made while it worked: what it asked for and what came of it.</summary>
/// <param name="Tool">The tool's name, for example <c>write_file</c>.</param>
/// <param name="Arguments">The arguments, as the model gave them (JSON).</param>
/// <param name="Summary">The result in one line: what was read or written, a command's exit code, or why it was refused.</param>
/// <param name="Refused">Whether the call was refused by the stage's permissions or the workspace's bounds.</param>
public sealed record ToolCall(string Tool, string Arguments, string Summary, bool Refused)
{
    /// <summary>Gets the id of the agent that made the call; the runner sets it when it records the call.</summary>
    public string? Agent { get; init; }

    /// <summary>Gets the end of a command's output (what the acceptance tests take as the runner's evidence); <see langword="null"/> for other tools.</summary>
    public string? Output { get; init; }
}
