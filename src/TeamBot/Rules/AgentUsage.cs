namespace TeamBot.Rules;

/// <summary>The tokens one agent call used, carried by the event that reports the call's work.</summary>
/// <param name="Agent">The agent's id.</param>
/// <param name="Model">The model that answered, when the agent says; prices are per model.</param>
/// <param name="Tokens">The tokens.</param>
public sealed record AgentUsage(string Agent, string? Model, TokenUsage Tokens);
