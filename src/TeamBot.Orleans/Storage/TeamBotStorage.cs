namespace TeamBot.Orleans;

/// <summary>The name of TeamBot's grain storage provider.</summary>
internal static class TeamBotStorage
{
    /// <summary>The provider's name.</summary>
    public const string Name = "teambot";

    /// <summary>Gets the key under which a run's state is kept: <c>{serviceId}/run/{runId}</c>.</summary>
    public static string RunKey(string serviceId, string runId) => Storage.JsonGrainStorage.Key(serviceId, "run", runId);
}
