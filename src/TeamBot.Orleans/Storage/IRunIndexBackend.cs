using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Orleans.Contracts;

namespace TeamBot.Orleans.Storage;

/// <summary>
/// The list of a service's runs, one entry per run, beside the state documents of an <see cref="IJsonStateBackend"/>:
/// submitting or finishing a run touches only that run's entry, and listing reads one page at a time.
/// </summary>
public interface IRunIndexBackend
{
    /// <summary>Lists run <paramref name="runId"/> as unfinished, after every run listed before it; a run already listed stays as it is.</summary>
    Task AddRunAsync(string serviceId, string runId, CancellationToken cancellationToken);

    /// <summary>Marks a listed run finished or unfinished; a run not listed is left unlisted.</summary>
    Task MarkRunAsync(string serviceId, string runId, bool finished, CancellationToken cancellationToken);

    /// <summary>
    /// Lists up to <paramref name="limit"/> runs after position <paramref name="after"/>, in the order they were added,
    /// with the snapshot document (key <c>{serviceId}/run/{runId}</c>) of each finished one.
    /// </summary>
    Task<IReadOnlyList<RunIndexEntry>> ListRunsAsync(string serviceId, RunListFilter filter, long after, int limit, CancellationToken cancellationToken);
}
