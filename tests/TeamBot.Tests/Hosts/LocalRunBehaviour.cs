namespace TeamBot.Tests.Hosts;

/// <summary>The behaviour suite in this process.</summary>
public sealed class LocalRunBehaviour : RunBehaviour
{
    protected override IRunHost CreateHost() => new LocalRunHost();
}
