using System;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Execution;
using TeamBot.Rules;

namespace TeamBot.Hosting.Views;

/// <summary>Shows a run on the console while it runs, and its summary at the end.</summary>
internal interface IRunView : IProgress<WorkflowEvent>
{
    /// <summary>Runs <paramref name="run"/> while showing its progress.</summary>
    Task<WorkflowResult> ShowAsync(Func<CancellationToken, Task<WorkflowResult>> run, CancellationToken cancellationToken);

    /// <summary>Shows the final summary: each stage's status, duration, iterations and artifacts, and where things are.</summary>
    void ShowSummary(WorkflowResult result, Func<string, string> artifactsOf);

    /// <summary>Shows a message.</summary>
    void Message(string text);
}
