using System;

namespace TeamBot.Objectives;

/// <summary>An objective file that is missing, unreadable or holds no objective.</summary>
public sealed class ObjectiveException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ObjectiveException"/> class.</summary>
    public ObjectiveException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ObjectiveException"/> class.</summary>
    public ObjectiveException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ObjectiveException"/> class.</summary>
    public ObjectiveException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
