using System;

namespace TeamBot.Orleans.Storage;

/// <summary>A silo's state backend, as its grains reach it: the documents, and the run index beside them.</summary>
internal sealed class TeamBotBackend
{
    public TeamBotBackend(IJsonStateBackend state)
    {
        State = state;
        Index = state as IRunIndexBackend ?? throw new InvalidOperationException(
            $"The state backend {state.GetType().Name} keeps no run index: implement {nameof(IRunIndexBackend)} beside {nameof(IJsonStateBackend)}.");
    }

    /// <summary>Gets where the grains' states live.</summary>
    public IJsonStateBackend State { get; }

    /// <summary>Gets the list of runs.</summary>
    public IRunIndexBackend Index { get; }
}
