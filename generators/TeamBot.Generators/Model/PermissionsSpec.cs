using TeamBot.Workflow.Model;

namespace TeamBot.Generators.Model;

/// <summary>A stage's permissions, resolved; <see cref="Tools"/> is <see langword="null"/> when the file leaves the default.</summary>
internal sealed record PermissionsSpec(EquatableArray<string>? Tools, EquatableArray<string> Write, EquatableArray<AgentPathsSpec> WriteByAgent, EquatableArray<string> Commands);
