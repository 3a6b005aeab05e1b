namespace TeamBot.Orleans;

/// <summary>The name of TeamBot's grain storage provider.</summary>
public static class TeamBotStorage
{
    /// <summary>The provider's name.</summary>
    public const string Name = "teambot";
}
