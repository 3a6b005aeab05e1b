using System;

namespace TeamBot.Orleans.Clustering;

/// <summary>PostgreSQL is not set up for the silo: too few connections for the configured pools, or TeamBot's tables are missing.</summary>
public sealed class TeamBotPostgresSetupException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="TeamBotPostgresSetupException"/> class.</summary>
    public TeamBotPostgresSetupException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TeamBotPostgresSetupException"/> class.</summary>
    public TeamBotPostgresSetupException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TeamBotPostgresSetupException"/> class.</summary>
    public TeamBotPostgresSetupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
