using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace TeamBot.Agents.Tools;

/// <summary>
/// Runs one program in the workspace, without a shell (no pipes, globs or variables to inject through), with an
/// environment that holds no secret of this process (only <c>PATH</c>, <c>HOME</c>, <c>LANG</c> and <c>TERM</c>), a time
/// limit after which the program and its children are killed, and its output cut at a limit.
/// </summary>
internal static class CommandRunner
{
    private static readonly string[] KeptVariables = ["PATH", "HOME", "LANG", "TERM"];

    public static async Task<(int? ExitCode, string Output)> RunAsync(string directory, string program, IReadOnlyList<string> arguments, TimeSpan timeout, int outputLimit, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (string name in KeptVariables)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            return (null, $"'{program}' could not be started: {ex.Message}");
        }

        process.StandardInput.Close();
        var output = new CappedText(outputLimit);
        Task stdout = output.ReadAsync(process.StandardOutput);
        Task stderr = output.ReadAsync(process.StandardError);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);

            // Under the limit too: a child left running in the background (a build server) keeps the pipes open.
            await Task.WhenAll(stdout, stderr).WaitAsync(limit.Token).ConfigureAwait(false);
            return (process.ExitCode, output.ToString());
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It has exited meanwhile; what holds its pipes open is on its own now.
            }

            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return (null, output + $"\n[killed: it ran longer than {timeout}]");
        }
    }

    /// <summary>
    /// Both streams, read in blocks and kept up to a limit. The rest is read and dropped, so the program never blocks on
    /// a full pipe, and a single huge line costs no more memory than the limit.
    /// </summary>
    private sealed class CappedText(int limit)
    {
        private readonly StringBuilder _text = new();
        private readonly Lock _gate = new();
        private bool _cut;

        public async Task ReadAsync(StreamReader reader)
        {
            char[] block = new char[4096];
            for (int read = await reader.ReadAsync(block).ConfigureAwait(false); read > 0; read = await reader.ReadAsync(block).ConfigureAwait(false))
            {
                lock (_gate)
                {
                    int room = _cut ? 0 : Math.Min(read, limit - _text.Length);
                    _text.Append(block, 0, room);
                    _cut |= room < read;
                }
            }
        }

        public override string ToString()
        {
            lock (_gate)
            {
                return _cut ? _text + $"\n[output cut at {limit} characters]" : _text.ToString();
            }
        }
    }
}
