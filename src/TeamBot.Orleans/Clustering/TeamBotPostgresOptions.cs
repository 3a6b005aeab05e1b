using System;

namespace TeamBot.Orleans.Clustering;

/// <summary>
/// How a silo uses PostgreSQL: one connection pool per silo, shared by the membership and the runs' state.
/// </summary>
/// <remarks>
/// Every silo holds up to <see cref="MaxPoolSize"/> connections, and PostgreSQL refuses clients beyond its
/// <c>max_connections</c> (100 by default). Size the pool so that all silos fit with room to spare:
/// <c>MaxPoolSize ≤ (max_connections − ReservedConnections) / ExpectedSilos</c>, which for a default server, 3 silos
/// and 10 reserved connections is 30. A silo refuses to start when the server is too small for the product.
/// </remarks>
public sealed class TeamBotPostgresOptions
{
    /// <summary>The pool size when neither <see cref="MaxPoolSize"/> nor the connection string sets one.</summary>
    public const int DefaultMaxPoolSize = 20;

    /// <summary>The smallest pool: the membership keeps <see cref="MembershipConnections"/> for itself, the state needs one more.</summary>
    public const int MinimumPoolSize = MembershipConnections + 1;

    /// <summary>
    /// The connections of the pool that the runs' state never takes, so that the silo's heartbeats and membership votes
    /// are not queued behind a burst of state writes, which could get a healthy silo voted dead.
    /// </summary>
    public const int MembershipConnections = 2;

    /// <summary>Gets or sets the connection string (a Unix socket such as <c>Host=/var/run/postgresql</c> works too).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// Gets or sets the most connections this silo opens; <see langword="null"/> takes the connection string's
    /// <c>Maximum Pool Size</c> when it sets one, else <see cref="DefaultMaxPoolSize"/>.
    /// </summary>
    public int? MaxPoolSize { get; set; }

    /// <summary>Gets or sets how many silos share the server; with <see cref="MaxPoolSize"/> it is checked against <c>max_connections</c> at start.</summary>
    public int ExpectedSilos { get; set; } = 3;

    /// <summary>Gets or sets the connections left for everything else: clients, psql, backups, the server's superuser slots.</summary>
    public int ReservedConnections { get; set; } = 10;

    /// <summary>
    /// Gets or sets a value indicating whether the silo creates TeamBot's tables when they are missing. Set it to
    /// <see langword="false"/> when a privileged role created them ahead with <c>deploy/postgresql/teambot.sql</c> and
    /// the silos' role has only DML rights: the silo then checks that they exist and never issues DDL. Either way, a
    /// silo that finds every table issues no DDL.
    /// </summary>
    public bool CreateSchema { get; set; } = true;

    /// <summary>The largest pool each silo may have: <c>(max_connections − reserved) / silos</c>.</summary>
    /// <param name="maxConnections">The server's <c>max_connections</c>.</param>
    /// <param name="silos">How many silos share it.</param>
    /// <param name="reserved">The connections left for everything else.</param>
    public static int MaxPoolSizeFor(int maxConnections, int silos, int reserved)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(silos, 1);
        return Math.Max(0, maxConnections - reserved) / silos;
    }
}
