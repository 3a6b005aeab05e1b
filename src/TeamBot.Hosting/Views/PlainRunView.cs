using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Execution;
using TeamBot.Rules;

namespace TeamBot.Hosting.Views;

/// <summary>Timestamped lines, for redirected output and CI.</summary>
internal sealed class PlainRunView(TextWriter output, TimeProvider time) : IRunView
{
    private readonly RunBoard _board = new();
    private readonly Lock _gate = new();

    /// <inheritdoc/>
    public void Report(WorkflowEvent value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _board.Apply(value);

        // One line per event, but not per streamed piece of an answer (that would flood a log), nor per call's tokens
        // (the summary has them by stage).
        if (value.Kind is not (WorkflowEventKind.AgentStreamed or WorkflowEventKind.TokensUsed))
        {
            Message(value.ToString());
        }
    }

    /// <inheritdoc/>
    public Task<WorkflowResult> ShowAsync(Func<CancellationToken, Task<WorkflowResult>> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run(cancellationToken);
    }

    /// <inheritdoc/>
    public void ShowSummary(WorkflowResult result, Func<string, string> artifactsOf)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(artifactsOf);
        DateTimeOffset now = time.GetUtcNow();
        lock (_gate)
        {
            output.WriteLine();
            output.WriteLine($"{"Stage",-24} {"Status",-10} {"Duration",9} {"Iterations",10} {"Tokens",9}  Artifacts");
            foreach (RunBoard.Row row in _board.Rows)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.Stage,-24} {row.State,-10} {row.Elapsed(now).TotalSeconds,8:F1}s {(row.Iterations == 0 ? "" : row.Iterations.ToString(CultureInfo.InvariantCulture)),10} {RunSummary.Tokens(row.Tokens),9}  {artifactsOf(row.Stage)}"));
            }

            output.WriteLine();
            output.WriteLine($"Run {RunSummary.Describe(result)}");
            if (RunSummary.Usage(result) is { } usage)
            {
                output.WriteLine(usage);
            }

            output.WriteLine($"Artifacts: {Path.Combine(result.RunDirectory, "artifacts")}");
            output.WriteLine($"State:     {result.StateLocation}");
        }
    }

    /// <inheritdoc/>
    public void Message(string text)
    {
        lock (_gate)
        {
            output.WriteLine($"[{time.GetLocalNow():HH:mm:ss}] {text}");
        }
    }
}
