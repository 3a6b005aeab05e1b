using System;

namespace TeamBot.Testing;

/// <summary>A run resumed after a simulated crash did not do what the uncrashed run did.</summary>
public sealed class CrashEquivalenceException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="CrashEquivalenceException"/> class.</summary>
    public CrashEquivalenceException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CrashEquivalenceException"/> class.</summary>
    public CrashEquivalenceException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CrashEquivalenceException"/> class.</summary>
    public CrashEquivalenceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
