using System;
using System.Data.Common;

namespace TeamBot.Hosting;

/// <summary>A <c>--cluster</c> connection as it may be shown: in messages, hints and logs.</summary>
public static class ClusterConnection
{
    /// <summary>
    /// Returns <paramref name="connection"/> without its password: a gateway (<c>host:port</c>) as it is, a connection
    /// string with <c>Password</c> shown as <c>***</c>. A run's output often ends up in CI logs and terminals' scrollback.
    /// </summary>
    public static string Shown(string connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!connection.Contains('=', StringComparison.Ordinal))
        {
            return connection;
        }

        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connection;
        }
        catch (ArgumentException)
        {
            // Not a connection string this parser reads: show none of it rather than a password.
            return "(the given connection string)";
        }

        foreach (string key in new[] { "Password", "Pwd", "Psw" })
        {
            if (builder.ContainsKey(key))
            {
                builder[key] = "***";
            }
        }

        return builder.ConnectionString;
    }
}
