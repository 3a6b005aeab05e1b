using System;
using Orleans;
using TeamBot.Execution;
using TeamBot.Rules;

namespace TeamBot.Orleans.Serialization;

/// <summary>How Orleans carries a <see cref="WorkflowEvent"/> to a client that watches a run.</summary>
[GenerateSerializer]
internal struct WorkflowEventSurrogate
{
    [Id(0)] public WorkflowEventKind Kind;
    [Id(1)] public DateTimeOffset Timestamp;
    [Id(2)] public string? Stage;
    [Id(3)] public string? Group;
    [Id(4)] public int? Iteration;
    [Id(5)] public string? Detail;
    [Id(6)] public string? Agent;
    [Id(7)] public bool? AllSucceeded;
    [Id(8)] public RunStatus? Status;
    [Id(9)] public TimeSpan? Elapsed;
    [Id(10)] public bool HasTokens;
    [Id(11)] public long InputTokens;
    [Id(12)] public long OutputTokens;
    [Id(13)] public long TotalTokens;
}

[RegisterConverter]
internal sealed class WorkflowEventConverter : IConverter<WorkflowEvent, WorkflowEventSurrogate>
{
    public WorkflowEvent ConvertFromSurrogate(in WorkflowEventSurrogate s) => new(s.Kind, s.Timestamp, s.Stage, s.Group, s.Iteration, s.Detail) { Agent = s.Agent, AllSucceeded = s.AllSucceeded, Status = s.Status, Elapsed = s.Elapsed, Tokens = s.HasTokens ? new TokenUsage(s.InputTokens, s.OutputTokens, s.TotalTokens) : null };

    public WorkflowEventSurrogate ConvertToSurrogate(in WorkflowEvent v) => new()
    {
        Kind = v.Kind,
        Timestamp = v.Timestamp,
        Stage = v.Stage,
        Group = v.Group,
        Iteration = v.Iteration,
        Detail = v.Detail,
        Agent = v.Agent,
        AllSucceeded = v.AllSucceeded,
        Status = v.Status,
        Elapsed = v.Elapsed,
        HasTokens = v.Tokens is not null,
        InputTokens = v.Tokens?.InputTokens ?? 0,
        OutputTokens = v.Tokens?.OutputTokens ?? 0,
        TotalTokens = v.Tokens?.TotalTokens ?? 0,
    };
}
