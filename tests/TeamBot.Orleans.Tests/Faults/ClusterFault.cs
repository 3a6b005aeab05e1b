namespace TeamBot.Orleans.Tests.Faults;

/// <summary>What happens to the three silo processes while a batch of runs is under way.</summary>
public enum ClusterFault
{
    /// <summary>Nothing: the audit's control, which must find nothing either.</summary>
    None,

    /// <summary>kill -9 of one silo, restarted at once as a service manager would.</summary>
    KillOne,

    /// <summary>SIGTERM of all three, waited for, then all three started again.</summary>
    TerminateAll,

    /// <summary>kill -9 of all three, then all three started again.</summary>
    KillAll,
}
