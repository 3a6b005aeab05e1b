using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
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

        // The live table goes when the run ends: a finished run is shown once, by its summary. A run that ends without
        // a result (cancelled, its files unwritable) gets no summary, so its last table stays.
        await console.Live(Render()).AutoClear(true).StartAsync(async context =>
        {
            running = run(cancellationToken);
            while (!running.IsCompleted)
            {
                context.UpdateTarget(Render());
                await Task.WhenAny(running, Task.Delay(RefreshInterval, CancellationToken.None)).ConfigureAwait(false);
            }

            context.UpdateTarget(Render());
        }).ConfigureAwait(false);
        if (!running!.IsCompletedSuccessfully)
        {
            console.Write(Render());
        }

        return await running.ConfigureAwait(false);
    }

    /// <summary>The table for the board as it is now.</summary>
    public Table Render() => RunBoardTable.Render(Board, time.GetUtcNow());

    /// <inheritdoc/>
    public void ShowSummary(WorkflowResult result, Func<string, string> artifactsOf)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(artifactsOf);
        DateTimeOffset now = time.GetUtcNow();
        var table = new Table().Title("Summary").AddColumns("Stage", "Status", "Duration", "Iterations", "Tokens", "Artifacts");
        foreach (RunBoard.Row row in Board.Rows)
        {
            table.AddRow(
                Markup.Escape(row.Stage),
                RunBoardTable.State(row.State),
                row.Elapsed(now).TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + "s",
                row.Iterations == 0 ? "" : row.Iterations.ToString(CultureInfo.InvariantCulture),
                RunSummary.Tokens(row.Tokens),
                Markup.Escape(artifactsOf(row.Stage)));
        }

        console.Write(table);
        console.MarkupLine($"Run [bold]{Markup.Escape(RunSummary.Describe(result))}[/]");
        if (RunSummary.Usage(result) is { } usage)
        {
            console.MarkupLine(Markup.Escape(usage));
        }

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
        var table = new Table().Border(TableBorder.Rounded).AddColumns("Stage", "State", "Elapsed", "Iteration", "Tokens")
            .AddColumn(new TableColumn("Detail").Width(DetailWidth));
        foreach (RunBoard.Row row in board.Rows)
        {
            string name = row.Group is null ? row.Stage : $"  └ {row.Stage} [{row.Group}]";
            table.AddRow(
                Markup.Escape(name),
                State(row.State),
                row.Elapsed(now).ToString(@"mm\:ss", CultureInfo.InvariantCulture),
                row.Iterations == 0 ? "" : row.Iterations.ToString(CultureInfo.InvariantCulture),
                RunSummary.Tokens(row.Tokens),
                Detail(row));
        }

        if (board.Tokens > 0)
        {
            table.Caption($"{RunSummary.Tokens(board.Tokens)} tokens this session");
        }

        return table;
    }

    /// <summary>The width of the detail column: the lines of a running stage's agents are wrapped to it.</summary>
    public const int DetailWidth = 60;

    /// <summary>How many lines of an agent's streamed answer a running row shows: its latest.</summary>
    private const int LinesPerAgent = 2;

    /// <summary>
    /// A running row's activity, each agent on lines of its own and wrapped at spaces (a stage's parallel agents stream
    /// at once, and their words would otherwise mix); else the latest verdict, test summary or error.
    /// </summary>
    private static string Detail(RunBoard.Row row)
    {
        if (row.Activity.IsEmpty)
        {
            return Markup.Escape(row.Detail ?? "");
        }

        var lines = new List<string>();
        foreach (RunBoard.AgentActivityLine line in row.Activity)
        {
            // The agent's name leads its first line and the rest are indented under it, so it stays in sight as its stream scrolls.
            string prefix = line.IsToolCall ? $"{line.Agent} > " : $"{line.Agent}: ";
            int width = Math.Max(DetailWidth - prefix.Length, 10);
            IEnumerable<string> wrapped = line.IsToolCall ? WordWrap.Lines(line.Text, width).Take(LinesPerAgent) : WordWrap.LastLines(line.Text, width, LinesPerAgent);
            lines.AddRange(wrapped.Select((text, i) => (i == 0 ? prefix : new string(' ', prefix.Length)) + text));
        }

        return Markup.Escape(string.Join('\n', lines));
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
