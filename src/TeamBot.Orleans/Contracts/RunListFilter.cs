namespace TeamBot.Orleans.Contracts;

/// <summary>Which runs a listing returns.</summary>
public enum RunListFilter
{
    /// <summary>Every run.</summary>
    All,

    /// <summary>Runs under way, or stopped by a failed save and waiting to be woken.</summary>
    Unfinished,

    /// <summary>Runs that ended: complete, failed, cancelled or out of time.</summary>
    Finished,
}
