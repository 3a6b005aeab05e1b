using System;

namespace TeamBot.Tests.Objectives;

/// <summary>A test of Unix files (devices, FIFOs); skipped, saying why, on Windows.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Devices and FIFOs are Unix files.";
        }
    }
}
