using System.Collections.Generic;
using Orleans;

namespace TeamBot.Orleans.Contracts;

/// <summary>One page of a listing of runs.</summary>
[GenerateSerializer]
public sealed class RunListPage
{
    /// <summary>Gets or sets the runs' progress, without events, in the order they were submitted.</summary>
    [Id(0)]
    public List<RunProgress> Runs { get; set; } = [];

    /// <summary>Gets or sets where the next page starts; <see langword="null"/> when this is the last page.</summary>
    [Id(1)]
    public long? Next { get; set; }
}
