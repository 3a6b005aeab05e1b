using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Agents;
using TeamBot.Execution;
using TeamBot.Objectives;

namespace TeamBot.Hosting.Tests;

/// <summary>
/// A cluster that is never reached: given to the command line so that it offers <c>serve</c>, <c>cancel</c> and
/// <c>--cluster</c>, in tests whose commands must stop before any of them runs. Reaching it is a failure.
/// </summary>
internal sealed class UnusedCluster : ITeamBotCluster
{
    public Task<bool> CancelAsync(string connection, string runId, CancellationToken cancellationToken) => throw Reached();

    public Task<IReadOnlyList<ClusterRunStatus>> ListAsync(string connection, CancellationToken cancellationToken) => throw Reached();

    public Task<WorkflowResult> ResumeAsync(string connection, string runId, RunOverrides runOverrides, IProgress<WorkflowEvent> progress, CancellationToken cancellationToken) => throw Reached();

    public Task<WorkflowResult> RunAsync(string connection, Objective objective, RunOverrides runOverrides, IProgress<WorkflowEvent> progress, CancellationToken cancellationToken) => throw Reached();

    public Task ServeAsync(ClusterServeOptions options, IStageAgent agent, TextWriter output, CancellationToken cancellationToken) => throw Reached();

    private static NotSupportedException Reached() => new("The command reached the cluster: a bad option value was not refused when the command line was parsed.");
}
