namespace TeamBot.Hosting;

/// <summary>What the command line knows when it makes one of the program's own agents (<see cref="TeamBotCliSettings.CustomAgents"/>).</summary>
/// <param name="Kind">The value of <c>--agent</c> that chose it.</param>
/// <param name="WorkingDirectory">The folder the team works in.</param>
/// <param name="Model">The <c>--model</c> given, or the one the run started with on resume; <see langword="null"/> when none.</param>
/// <param name="Endpoint">The <c>--endpoint</c> given, or the one the run started with on resume; <see langword="null"/> when none.</param>
public sealed record CustomAgentContext(string Kind, string WorkingDirectory, string? Model, string? Endpoint);
