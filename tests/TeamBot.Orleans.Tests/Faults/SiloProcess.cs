using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace TeamBot.Orleans.Tests.Faults;

/// <summary>One silo of the fault test, in a process of its own (TeamBot.SiloHost), to be killed or stopped like a real one.</summary>
internal sealed class SiloProcess : IDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Process _process;

    private SiloProcess(Process process, int siloPort)
    {
        _process = process;
        SiloPort = siloPort;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int SiloPort { get; }

    /// <summary>Gets what the silo printed.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a silo and waits until it has joined the cluster.</summary>
    public static async Task<SiloProcess> StartAsync(string connection, int siloPort, int gatewayPort, string runsFolder, string auditFolder)
    {
        string host = Path.Combine(AppContext.BaseDirectory.Replace($"{Path.DirectorySeparatorChar}TeamBot.Orleans.Tests{Path.DirectorySeparatorChar}", $"{Path.DirectorySeparatorChar}TeamBot.SiloHost{Path.DirectorySeparatorChar}", StringComparison.Ordinal), "TeamBot.SiloHost.dll");
        Assert.True(File.Exists(host), $"{host} was not built");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { host, connection, $"{siloPort}", $"{gatewayPort}", runsFolder, Path.Combine(auditFolder, string.Create(CultureInfo.InvariantCulture, $"calls-{siloPort}.log")) })
        {
            start.ArgumentList.Add(argument);
        }

        // TeamBot's own log lines (sessions resumed, failed, fenced) too, for a failure's report; Orleans' stay at warnings.
        start.Environment["Logging__LogLevel__TeamBot"] = "Information";
        var silo = new SiloProcess(Process.Start(start)!, siloPort);
        var waited = Stopwatch.StartNew();
        while (!silo.Output.Contains("Silo up", StringComparison.Ordinal))
        {
            Assert.False(silo._process.HasExited, $"silo {siloPort} exited before it was up:\n{silo.Output}");
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(2), $"silo {siloPort} did not come up in 2 minutes:\n{silo.Output}");
            await Task.Delay(100);
        }

        return silo;
    }

    /// <summary>kill -9: the silo dies at once, leaving its membership row and its runs' activations behind.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as a service manager stops it: the silo hands its runs over and leaves the cluster.</summary>
    public async Task TerminateAsync()
    {
        using (Process kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
