using System;

namespace TeamBot.State;

/// <summary>A state file that cannot be used: unreadable, corrupt, or naming stages the compiled workflow lacks.</summary>
public class WorkflowStateException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="WorkflowStateException"/> class.</summary>
    public WorkflowStateException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WorkflowStateException"/> class.</summary>
    public WorkflowStateException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WorkflowStateException"/> class.</summary>
    public WorkflowStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Another process is running the same run.</summary>
public sealed class WorkflowStateLockedException : WorkflowStateException
{
    /// <summary>Initializes a new instance of the <see cref="WorkflowStateLockedException"/> class.</summary>
    public WorkflowStateLockedException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WorkflowStateLockedException"/> class.</summary>
    public WorkflowStateLockedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WorkflowStateLockedException"/> class.</summary>
    public WorkflowStateLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
