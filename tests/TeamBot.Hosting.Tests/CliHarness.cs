using System;
using System.CommandLine;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TeamBot.Tests.Support;

namespace TeamBot.Hosting.Tests;

/// <summary>Runs the teambot command line in-process, in a temporary working folder with the example objectives.</summary>
internal sealed class CliHarness : IDisposable
{
    public CliHarness()
    {
        Directory = Path.Combine(Path.GetTempPath(), "teambot-cli-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "objectives"));
        foreach (string file in System.IO.Directory.GetFiles(Path.Combine(TestSupport.RepoRoot, "examples", "objectives")))
        {
            File.Copy(file, Path.Combine(Directory, "objectives", Path.GetFileName(file)));
        }
    }

    public string Directory { get; }

    public Action<string>? OnLine { get; set; }

    /// <summary>Gets or sets the file system the next commands write through.</summary>
    public TeamBot.State.RunFileSystem FileSystem { get; set; } = TeamBot.State.RunFileSystem.Default;

    /// <summary>Gets or sets the cluster the command line offers <c>serve</c>, <c>cancel</c> and <c>--cluster</c> for; none by default.</summary>
    public ITeamBotCluster? Cluster { get; set; }

    /// <summary>Gets or sets the program's own agents the command line offers with <c>--agent</c>; none by default.</summary>
    public System.Collections.Generic.IReadOnlyDictionary<string, Func<CustomAgentContext, CancellationToken, ValueTask<TeamBot.Agents.IStageAgent>>>? CustomAgents { get; set; }

    /// <summary>Gets or sets the workflow the command line runs; the repo's compiled one by default.</summary>
    public TeamBot.Definitions.IWorkflowDefinition<Stage> Workflow { get; set; } = global::TeamBot.Hosting.Tests.Workflow.Definition;

    public async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var output = new LineWriter(line => OnLine?.Invoke(line));
        var error = new StringWriter();
        RootCommand root = TeamBotCli.Create(Workflow, new TeamBotCliSettings { Output = output, Error = error, Plain = true, WorkingDirectory = Directory, FileSystem = FileSystem, Cluster = Cluster, CustomAgents = CustomAgents ?? new TeamBotCliSettings().CustomAgents });
        int exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    public string RunDirectory(string feature) => Path.Combine(Directory, ".teambot", feature);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    /// <summary>Collects output and reports each whole line as it is written.</summary>
    private sealed class LineWriter(Action<string> onLine) : StringWriter
    {
        private readonly StringBuilder _line = new();

        public override void Write(char value)
        {
            base.Write(value);
            if (value == '\n')
            {
                onLine(_line.ToString());
                _line.Clear();
            }
            else
            {
                _line.Append(value);
            }
        }

        public override void Write(string? value)
        {
            foreach (char c in value ?? "")
            {
                Write(c);
            }
        }

        public override void WriteLine(string? value)
        {
            Write(value);
            Write('\n');
        }
    }
}
