using System;

namespace TeamBot.Agents.Replay;

/// <summary>A strict replay met a call that differs from the transcript; the stage fails with where and how.</summary>
public sealed class ReplayMismatchException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ReplayMismatchException"/> class.</summary>
    public ReplayMismatchException()
        : this("The call differs from the transcript.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ReplayMismatchException"/> class.</summary>
    public ReplayMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ReplayMismatchException"/> class.</summary>
    public ReplayMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ReplayMismatchException"/> class for <paramref name="mismatch"/>.</summary>
    public ReplayMismatchException(ReplayMismatch mismatch)
        : this(mismatch?.Describe() ?? "The call differs from the transcript.") => Mismatch = mismatch;

    /// <summary>Gets the call that differs.</summary>
    public ReplayMismatch? Mismatch { get; }
}
