using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace TeamBot.Orleans.Tests.Faults;

/// <summary>One agent call as a silo recorded it when the call started.</summary>
internal sealed record AgentCallStart(DateTime At, string Silo, string Run, string Stage, string Task, string Agent, int Iteration)
{
    /// <summary>The call's identity: the same work asked for again has the same one.</summary>
    public string Work => $"{Run} {Stage} {Task} {Agent} {Iteration}";

    /// <summary>Reads every silo's calls file in <paramref name="folder"/> (files <c>calls-*.log</c>).</summary>
    public static IReadOnlyList<AgentCallStart> ReadAll(string folder) =>
        Directory.EnumerateFiles(folder, "calls-*.log")
            .SelectMany(file => ReadShared(file))
            .Select(line => line.Split(' '))
            .Where(parts => parts.Length == 8 && parts[0] == "START")
            .Select(parts => new AgentCallStart(new DateTime(long.Parse(parts[1], CultureInfo.InvariantCulture), DateTimeKind.Utc), parts[2], parts[3], parts[4], parts[5], parts[6], int.Parse(parts[7], CultureInfo.InvariantCulture)))
            .OrderBy(call => call.At)
            .ToList();

    /// <summary>Reads a file the silos may still be appending to.</summary>
    private static List<string> ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lines.Add(line);
        }

        return lines;
    }
}
