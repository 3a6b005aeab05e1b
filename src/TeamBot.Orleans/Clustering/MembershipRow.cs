using System;
using System.Collections.Generic;
using System.Linq;
using Orleans;
using Orleans.Runtime;

namespace TeamBot.Orleans.Clustering;

/// <summary>A silo's membership entry as one JSON document in <c>teambot_membership</c>.</summary>
internal sealed class MembershipRow
{
    public string Silo { get; set; } = "";

    public int Status { get; set; }

    public List<SuspicionRow> Suspicions { get; set; } = [];

    public int ProxyPort { get; set; }

    public string? HostName { get; set; }

    public string? SiloName { get; set; }

    public string? RoleName { get; set; }

    public int UpdateZone { get; set; }

    public int FaultZone { get; set; }

    public DateTime StartTime { get; set; }

    public DateTime IAmAliveTime { get; set; }

    public static MembershipRow From(MembershipEntry entry) => new()
    {
        Silo = entry.SiloAddress.ToParsableString(),
        Status = (int)entry.Status,
        Suspicions = entry.SuspectTimes?.Select(s => new SuspicionRow { Silo = s.Item1.ToParsableString(), At = s.Item2 }).ToList() ?? [],
        ProxyPort = entry.ProxyPort,
        HostName = entry.HostName,
        SiloName = entry.SiloName,
        RoleName = entry.RoleName,
        UpdateZone = entry.UpdateZone,
        FaultZone = entry.FaultZone,
        StartTime = entry.StartTime,
        IAmAliveTime = entry.IAmAliveTime,
    };

    public MembershipEntry ToEntry(DateTime iAmAlive) => new()
    {
        SiloAddress = SiloAddress.FromParsableString(Silo),
        Status = (SiloStatus)Status,
        SuspectTimes = Suspicions.Select(s => Tuple.Create(SiloAddress.FromParsableString(s.Silo), s.At)).ToList(),
        ProxyPort = ProxyPort,
        HostName = HostName ?? "",
        SiloName = SiloName ?? "",
        RoleName = RoleName,
        UpdateZone = UpdateZone,
        FaultZone = FaultZone,
        StartTime = StartTime,
        IAmAliveTime = iAmAlive > IAmAliveTime ? iAmAlive : IAmAliveTime,
    };
}

/// <summary>One suspicion of a silo by another.</summary>
internal sealed class SuspicionRow
{
    public string Silo { get; set; } = "";

    public DateTime At { get; set; }
}
