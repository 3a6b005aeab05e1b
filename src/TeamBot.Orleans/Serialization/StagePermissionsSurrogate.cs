using System.Linq;
using Orleans;
using TeamBot.Definitions;

namespace TeamBot.Orleans.Serialization;

/// <summary>How Orleans carries a stage's <see cref="StagePermissions"/> to the worker grain whose agent uses them.</summary>
[GenerateSerializer]
internal struct StagePermissionsSurrogate
{
    [Id(0)] public string[] Tools;
    [Id(1)] public string[] Write;
    [Id(2)] public string[] WriteAgents;
    [Id(3)] public string[][] WritePaths;
    [Id(4)] public string[] Commands;
}

[RegisterConverter]
internal sealed class StagePermissionsConverter : IConverter<StagePermissions, StagePermissionsSurrogate>
{
    public StagePermissions ConvertFromSurrogate(in StagePermissionsSurrogate s) => new()
    {
        Tools = [.. s.Tools],
        Write = [.. s.Write],
        WriteByAgent = [.. s.WriteAgents.Zip(s.WritePaths, (agent, paths) => new AgentWritePaths(agent, [.. paths]))],
        Commands = [.. s.Commands],
    };

    public StagePermissionsSurrogate ConvertToSurrogate(in StagePermissions v) => new()
    {
        Tools = [.. v.Tools],
        Write = [.. v.Write],
        WriteAgents = [.. v.WriteByAgent.Select(entry => entry.Agent)],
        WritePaths = [.. v.WriteByAgent.Select(entry => entry.Paths.ToArray())],
        Commands = [.. v.Commands],
    };
}
