using System;
using System.Collections.Generic;
using System.Linq;
using TeamBot.Orleans.Storage;

namespace TeamBot.Orleans.Tests;

/// <summary>A run as the test cluster saved it, read straight from the backend.</summary>
internal static class SavedClusterRun
{
    /// <summary>The stages the saved run calls completed: none of them may ever run again.</summary>
    public static HashSet<string> Completed(IJsonStateBackend backend, string run) =>
        ClusterRunState.LoadAsync(Workflow.Definition, backend, SharedCluster.ServiceId, run).AsTask().GetAwaiter().GetResult() is { } saved
            ? saved.State.Completed.Select(Workflow.Definition.GetStageName).ToHashSet(StringComparer.Ordinal)
            : [];
}
