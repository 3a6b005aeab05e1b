using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace TeamBot.Agents.Replay;

/// <summary>
/// Runs a workflow again from a <see cref="Transcript"/> without a model: a call whose prompt is the recorded one gets
/// the recorded answer. The first call that differs is reported precisely (<see cref="ReplayMismatch"/>); a strict
/// replay fails that stage with it, one with a <see cref="Fallback"/> agent asks that agent instead.
/// </summary>
/// <remarks>
/// Calls are matched by agent, task, stage and iteration, in the order the transcript holds them, then compared by
/// prompt: the same match whatever order concurrent members answer in. Workspace edits the recorded agents made with
/// their tools are not made again; their tool calls are replayed as recorded.
/// </remarks>
public sealed class ReplayAgent : IStageAgent, IAsyncDisposable
{
    private readonly Dictionary<(string Agent, string Task, string Stage, int Iteration), List<TranscriptEntry>> _recorded = [];
    private readonly Dictionary<(string Agent, string Task, string Stage, int Iteration), List<TranscriptEntry>> _used = [];
    private readonly List<ReplayMismatch> _mismatches = [];
    private readonly Lock _gate = new();
    private int _calls;

    /// <summary>Initializes a new instance of the <see cref="ReplayAgent"/> class.</summary>
    /// <param name="transcript">The recorded run.</param>
    /// <param name="fallback">The agent that answers the calls that differ; <see langword="null"/> for a strict replay.</param>
    public ReplayAgent(Transcript transcript, IStageAgent? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        Fallback = fallback;
        foreach (TranscriptEntry entry in transcript.Entries)
        {
            var key = (entry.Agent, entry.Task, entry.Stage, entry.Iteration);
            if (!_recorded.TryGetValue(key, out List<TranscriptEntry>? entries))
            {
                _recorded[key] = entries = [];
            }

            entries.Add(entry);
        }
    }

    /// <summary>Gets the agent that answers calls that differ, or <see langword="null"/> for a strict replay.</summary>
    public IStageAgent? Fallback { get; }

    /// <summary>Gets the calls answered from the transcript.</summary>
    public int Replayed { get; private set; }

    /// <summary>Gets the calls that differed from the transcript, in the order they were made.</summary>
    public IReadOnlyList<ReplayMismatch> Mismatches
    {
        get
        {
            lock (_gate)
            {
                return [.. _mismatches];
            }
        }
    }

    /// <inheritdoc/>
    public Task<AgentResponse> RunAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        string prompt = Redactor.Patterns.Redact(RecordedCall.Prompt(request));
        ReplayMismatch mismatch;
        lock (_gate)
        {
            int call = ++_calls;
            var key = (request.AgentId, request.Task.ToString(), request.Context.Stage, request.Context.Iteration);
            // The first unused call of the same place with the same prompt: a loop resumed in a later session starts its
            // iterations again, and each round's calls are told apart by what they were asked.
            // A call made again with the same prompt (a resume re-making a call a crash cut short) gets the same answer.
            List<TranscriptEntry>? entries = _recorded.GetValueOrDefault(key);
            int same = entries?.FindIndex(entry => string.Equals(entry.Prompt, prompt, StringComparison.Ordinal)) ?? -1;
            TranscriptEntry? again = same < 0 ? _used.GetValueOrDefault(key)?.Find(entry => string.Equals(entry.Prompt, prompt, StringComparison.Ordinal)) : null;
            if (same >= 0 || again is not null)
            {
                TranscriptEntry entry = again ?? entries![same];
                if (again is null)
                {
                    entries!.RemoveAt(same);
                    (_used.TryGetValue(key, out List<TranscriptEntry>? used) ? used : _used[key] = []).Add(entry);
                }

                Replayed++;
                AgentResponse response = RecordedCall.Response(entry.Response, request);
                request.Activity?.Report(new AgentActivity(AgentActivityKind.Text, response.Output));
                return Task.FromResult(response);
            }

            mismatch = entries is { Count: > 0 }
                ? new ReplayMismatch(call, request.Context.Stage, request.Context.Iteration, request.AgentId, request.Task, "The prompt differs:\n" + PromptDiff.Of(entries[0].Prompt, prompt))
                : new ReplayMismatch(call, request.Context.Stage, request.Context.Iteration, request.AgentId, request.Task, "The transcript has no such call: the recorded run never made it.");
            _mismatches.Add(mismatch);
        }

        return Fallback is null
            ? Task.FromException<AgentResponse>(new ReplayMismatchException(mismatch))
            : Fallback.RunAsync(request, cancellationToken);
    }

    /// <summary>Disposes the fallback agent, when it is disposable.</summary>
    public ValueTask DisposeAsync() => Fallback is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;
}
