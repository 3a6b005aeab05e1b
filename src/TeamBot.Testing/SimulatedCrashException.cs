using System;

namespace TeamBot.Testing;

/// <summary>Thrown by the crash matrix's store where it simulates a crash; from then on the session can save nothing.</summary>
public sealed class SimulatedCrashException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="SimulatedCrashException"/> class.</summary>
    public SimulatedCrashException()
        : base("Simulated crash.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SimulatedCrashException"/> class.</summary>
    public SimulatedCrashException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SimulatedCrashException"/> class.</summary>
    public SimulatedCrashException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
