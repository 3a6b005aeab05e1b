using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace TeamBot.Benchmarks;

/// <summary>
/// Three <c>teambot serve --postgres … --address 127.0.0.1</c> processes of the Release build of the tool, as
/// <c>deploy/local-cluster.sh</c> starts them, each with the built-in offline agent.
/// </summary>
internal sealed class SiloProcesses : IAsyncDisposable
{
    private readonly List<Process> _silos = [];
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "teambot-bench-silos", Guid.NewGuid().ToString("N"));

    public static async Task<SiloProcesses> StartAsync(string connection, int count)
    {
        string tool = Path.Combine(RepoRoot(), "src", "TeamBot.Cli", "bin", "Release", "net10.0", "TeamBot.Cli.dll");
        if (!File.Exists(tool))
        {
            throw new InvalidOperationException($"{tool} is missing: build it first with `dotnet build src/TeamBot.Cli -c Release`.");
        }

        var processes = new SiloProcesses();
        Directory.CreateDirectory(processes._folder);
        for (int i = 0; i < count; i++)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = processes._folder };
            foreach (string argument in new[] { tool, "serve", "--postgres", connection, "--address", "127.0.0.1", "--silo-port", $"{FreePort()}", "--gateway-port", $"{FreePort()}", "--postgres-pool-size", "10" })
            {
                start.ArgumentList.Add(argument);
            }

            Process silo = Process.Start(start)!;
            processes._silos.Add(silo);
            string? line;
            while ((line = await silo.StandardOutput.ReadLineAsync()) is not null && !line.StartsWith("Silo up", StringComparison.Ordinal))
            {
            }

            if (line is null)
            {
                throw new InvalidOperationException($"A silo exited before it was up: {await silo.StandardError.ReadToEndAsync()}");
            }

            // Drained, so that a silo's warnings never fill its pipe and stall it.
            _ = silo.StandardOutput.ReadToEndAsync();
            _ = silo.StandardError.ReadToEndAsync();
        }

        return processes;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (Process silo in _silos)
        {
            silo.Kill();
            await silo.WaitForExitAsync();
            silo.Dispose();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TeamBot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository (TeamBot.sln) was not found above " + AppContext.BaseDirectory);
    }
}
