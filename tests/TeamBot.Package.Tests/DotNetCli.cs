using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;

namespace TeamBot.Package.Tests;

/// <summary>Runs the dotnet CLI as a user would, with output captured for assertions.</summary>
internal static class DotNetCli
{
    public static (int ExitCode, string Output) Run(string workingDirectory, IDictionary<string, string>? environment, params string[] arguments) =>
        Run(workingDirectory, environment, TimeSpan.FromMinutes(8), arguments);

    public static (int ExitCode, string Output) Run(string workingDirectory, IDictionary<string, string>? environment, TimeSpan timeout, params string[] arguments) =>
        RunProgram("dotnet", workingDirectory, environment, timeout, arguments);

    /// <summary>Runs a script of the repository with bash, under the same environment rules as the dotnet CLI.</summary>
    public static (int ExitCode, string Output) Bash(string workingDirectory, IDictionary<string, string>? environment, TimeSpan timeout, params string[] arguments) =>
        RunProgram("bash", workingDirectory, environment, timeout, arguments);

    private static (int ExitCode, string Output) RunProgram(string program, string workingDirectory, IDictionary<string, string>? environment, TimeSpan timeout, string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A child build must not inherit the test host's MSBuild settings or leave build servers behind.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (KeyValuePair<string, string> pair in environment ?? new Dictionary<string, string>())
        {
            start.Environment[pair.Key] = pair.Value;
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in {timeout}:\n{output}");
        }

        process.WaitForExit();
        return (process.ExitCode, output.ToString());
    }
}
