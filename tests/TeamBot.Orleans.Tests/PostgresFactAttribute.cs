using System;

namespace TeamBot.Orleans.Tests;

/// <summary>A test against the PostgreSQL that .ci/run starts; skipped, saying why, when TEAMBOT_POSTGRES is not set.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (ConnectionString is null)
        {
            Skip = "TEAMBOT_POSTGRES is not set: run `bash .ci/run`, which starts PostgreSQL on loopback, or set it to a connection string.";
        }
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable("TEAMBOT_POSTGRES") is { Length: > 0 } value ? value : null;
}
