namespace TeamBot.Agents;

/// <summary>Something an agent did while it worked, reported as it happens for the live view; not part of its result.</summary>
/// <param name="Kind">What it did.</param>
/// <param name="Text">The text it streamed, or the tool call's one-line description.</param>
public sealed record AgentActivity(AgentActivityKind Kind, string Text);
