using System;

namespace TeamBot.State;

/// <summary>
/// A session of a run was taken over by another (see <see cref="IRunFence"/>): it stopped without writing anything more,
/// and the run continues in the session that took it over.
/// </summary>
public sealed class RunFencedException : WorkflowStateException
{
    /// <summary>Initializes a new instance of the <see cref="RunFencedException"/> class.</summary>
    public RunFencedException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RunFencedException"/> class.</summary>
    public RunFencedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RunFencedException"/> class.</summary>
    public RunFencedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
