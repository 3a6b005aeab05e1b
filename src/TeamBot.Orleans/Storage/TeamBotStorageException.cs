using System;
using Orleans;
using Orleans.Runtime;

namespace TeamBot.Orleans.Storage;

/// <summary>
/// The database failed a read or write of TeamBot's state. It carries the database's message but not its exception:
/// Npgsql's exceptions cannot cross the Orleans wire, and a client awaiting a grain call that failed on them would
/// otherwise get a <c>CodecNotFoundException</c> instead of the reason.
/// </summary>
[GenerateSerializer]
public sealed class TeamBotStorageException : OrleansException
{
    /// <summary>Initializes a new instance of the <see cref="TeamBotStorageException"/> class.</summary>
    public TeamBotStorageException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TeamBotStorageException"/> class.</summary>
    public TeamBotStorageException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TeamBotStorageException"/> class.</summary>
    public TeamBotStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Describes a database failure in an exception any client can deserialize.</summary>
    /// <param name="operation">What was being done, for example <c>writing 'teambot/run/add-export'</c>.</param>
    /// <param name="exception">The database's exception; its message (and SQL state) is kept, the exception is not.</param>
    internal static TeamBotStorageException From(string operation, Exception exception)
    {
        string state = exception is Npgsql.PostgresException postgres ? $" (SQL state {postgres.SqlState})" : "";
        return new TeamBotStorageException($"PostgreSQL failed {operation}: {exception.Message}{state}");
    }
}
