using System;
using System.Collections.Generic;
using TeamBot.Execution;
using TeamBot.Rules;

namespace TeamBot.Tests.Fakes;

/// <summary>Records progress events synchronously, unlike <see cref="Progress{T}"/>, which posts them later.</summary>
internal sealed class RecordingProgress : IProgress<WorkflowEvent>
{
    private readonly List<WorkflowEvent> _events = [];

    public IReadOnlyList<WorkflowEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public Action<WorkflowEvent>? OnReport { get; set; }

    public void Report(WorkflowEvent value)
    {
        lock (_events)
        {
            _events.Add(value);
        }

        OnReport?.Invoke(value);
    }
}
