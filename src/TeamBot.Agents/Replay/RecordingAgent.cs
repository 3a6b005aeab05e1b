using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace TeamBot.Agents.Replay;

/// <summary>
/// Records every call another agent answers into a <see cref="Transcript"/>: the full prompt and the whole answer,
/// secrets masked, so that <see cref="ReplayAgent"/> can run the workflow again from it without a model.
/// </summary>
public sealed class RecordingAgent : IStageAgent, IAsyncDisposable
{
    private readonly IStageAgent _inner;
    private readonly Transcript _transcript;
    private readonly Redactor _redactor;

    /// <summary>Initializes a new instance of the <see cref="RecordingAgent"/> class.</summary>
    /// <param name="inner">The agent that answers.</param>
    /// <param name="transcript">Where the calls go.</param>
    /// <param name="redactor">What is masked; by default, what looks like a key.</param>
    public RecordingAgent(IStageAgent inner, Transcript transcript, Redactor? redactor = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(transcript);
        _inner = inner;
        _transcript = transcript;
        _redactor = redactor ?? Redactor.Patterns;
    }

    /// <inheritdoc/>
    public async Task<AgentResponse> RunAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        AgentResponse response = await _inner.RunAsync(request, cancellationToken).ConfigureAwait(false);

        // Recorded only once answered, as the run keeps it: a call cut short has no answer to replay. A transcript that
        // cannot be written fails the stage, saying so, rather than leave a recording with a call missing.
        try
        {
            _transcript.Append(RecordedCall.Entry(request, response, _redactor));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"The transcript '{_transcript.Path}' cannot be written: {ex.Message}", ex);
        }

        return response;
    }

    /// <summary>Disposes the agent recorded, when it is disposable.</summary>
    public ValueTask DisposeAsync() => _inner is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;
}
