using System;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Agents;

namespace TeamBot.Agents;

/// <summary>
/// The offline agent's pause per call, so that a person can watch a run: its answer is streamed a few words at a time
/// over the pause, as a model's would be. Only the timing is simulated; the answer itself is never changed.
/// </summary>
internal static class OfflinePace
{
    /// <summary>How often a piece of the answer comes: about as often as the live view redraws.</summary>
    private static readonly TimeSpan PieceInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The pause for one call: from half to one and a half times <paramref name="pace"/>, the same for the same stage,
    /// agent, task and iteration on every run, so that the members of a parallel group end at different times.
    /// </summary>
    public static TimeSpan PauseFor(TimeSpan pace, AgentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (pace <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        // string.GetHashCode differs between processes; FNV-1a does not.
        uint hash = 2166136261;
        foreach (char c in $"{request.Context.StageName}/{request.AgentId}/{request.Task}/{request.Context.Iteration}")
        {
            hash = (hash ^ c) * 16777619;
        }

        return pace * (0.5 + (hash % 1001 / 1000.0));
    }

    /// <summary>Waits <paramref name="pause"/> on <paramref name="time"/>, reporting <paramref name="output"/> in pieces as it goes.</summary>
    public static async Task StreamAsync(string output, TimeSpan pause, TimeProvider time, IProgress<AgentActivity>? activity, CancellationToken cancellationToken)
    {
        string[] words = output.Split(' ');
        int wanted = (int)Math.Clamp(pause / PieceInterval, 1, Math.Max(1, words.Length));
        int perPiece = Math.Max(1, (words.Length + wanted - 1) / wanted);
        int pieces = (words.Length + perPiece - 1) / perPiece;
        for (int i = 0; i < pieces; i++)
        {
            await Task.Delay(pause / pieces, time, cancellationToken).ConfigureAwait(false);
            string piece = string.Join(' ', words, i * perPiece, Math.Min(perPiece, words.Length - (i * perPiece)));
            activity?.Report(new AgentActivity(AgentActivityKind.Text, i == 0 ? piece : " " + piece));
        }
    }
}
