namespace TeamBot.Tests.Hosts;

/// <summary>The behaviour suite on an Orleans cluster.</summary>
public sealed class ClusterRunBehaviour : RunBehaviour
{
    protected override IRunHost CreateHost() => new ClusterRunHost();
}
