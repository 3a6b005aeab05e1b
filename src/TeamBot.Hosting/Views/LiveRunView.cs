using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Spectre.Console;
using TeamBot.Execution;
using TeamBot.Rules;

namespace TeamBot.Hosting.Views;

/// <summary>A live table of the run on an interactive console: one row per stage, and per group member while it runs.</summary>
internal sealed class LiveRunView(IAnsiConsole console, TimeProvider time) : IRunView
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Gets the board behind the table.</summary>
    public RunBoard Board { get; } = new();

    /// <inheritdoc/>
    public void Report(WorkflowEvent value) => Board.Apply(value);

    /// <inheritdoc/>
    public async Task<WorkflowResult> ShowAsync(Func<CancellationToken, Task<WorkflowResult>> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        Task<WorkflowResult>? running = null;
        await console.Live(Render()).AutoClear(false).StartAsync(async context =>
        {
            running = run(cancellationToken);
            while (!running.IsCompleted)
            {
                context.UpdateTarget(Render());
                await Task.WhenAny(running, Task.Delay(RefreshInterval, CancellationToken.None)).ConfigureAwait(false);
            }

            context.UpdateTarget(Render());
        }).ConfigureAwait(false);
        return await running!.ConfigureAwait(false);
    }

    /// <summary>The table for the board as it is now.</summary>
    public Table Render() => RunBoardTable.Render(Board, time.GetUtcNow());

    /// <inheritdoc/>
    public void ShowSummary(WorkflowResult result, Func<string, string> artifactsOf)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(artifactsOf);
        DateTimeOffset now = time.GetUtcNow();
        var table = new Table().Title("Summary").AddColumns("Stage", "Status", "Duration", "Iterations", "Artifacts");
        foreach (RunBoard.Row row in Board.Rows)
        {
            table.AddRow(
                Markup.Escape(row.Stage),
                RunBoardTable.State(row.State),
                row.Elapsed(now).TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + "s",
                row.Iterations == 0 ? "" : row.Iterations.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(artifactsOf(row.Stage)));
        }

        console.Write(table);
        console.MarkupLine($"Run [bold]{Markup.Escape(RunSummary.Describe(result))}[/]");
        console.MarkupLine($"Artifacts: [link]{Markup.Escape(Path.Combine(result.RunDirectory, "artifacts"))}[/]");
        console.MarkupLine($"State:     [link]{Markup.Escape(result.StateLocation)}[/]");
    }

    /// <inheritdoc/>
    public void Message(string text) => console.MarkupLine(Markup.Escape(text));
}

/// <summary>Draws a <see cref="RunBoard"/> as a Spectre.Console table.</summary>
internal static class RunBoardTable
{
    /// <summary>The table of <paramref name="board"/> at <paramref name="now"/>; group members are indented under their group.</summary>
    public static Table Render(RunBoard board, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(board);
        var table = new Table().Border(TableBorder.Rounded).AddColumns("Stage", "State", "Elapsed", "Iteration", "Detail");
        foreach (RunBoard.Row row in board.Rows)
        {
            string name = row.Group is null ? row.Stage : $"  └ {row.Stage} [{row.Group}]";
            table.AddRow(
                Markup.Escape(name),
                State(row.State),
                row.Elapsed(now).ToString(@"mm\:ss", CultureInfo.InvariantCulture),
                row.Iterations == 0 ? "" : row.Iterations.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(row.Detail ?? ""));
        }

        return table;
    }

    /// <summary>The coloured word for a row's state.</summary>
    public static string State(RunBoard.RowState state) => state switch
    {
        RunBoard.RowState.Running => "[yellow]running[/]",
        RunBoard.RowState.Completed => "[green]completed[/]",
        RunBoard.RowState.Failed => "[red]failed[/]",
        _ => "[grey]skipped[/]",
    };
}
