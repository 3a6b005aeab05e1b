namespace TeamBot.Rules;

/// <summary>The state of one parallel-group member.</summary>
public enum MemberStatus
{
    /// <summary>Not finished: not started, running, or interrupted by a crash.</summary>
    Pending,

    /// <summary>Finished with an output.</summary>
    Completed,

    /// <summary>Finished with an error.</summary>
    Failed,
}
