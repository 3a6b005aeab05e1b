using System;
using System.IO;
using System.Linq;

namespace TeamBot.Agents.Copilot;

/// <summary>Finds the <c>copilot</c> executable: the given path, else <c>COPILOT_CLI_PATH</c>, else <c>copilot</c> on PATH.</summary>
internal static class CopilotCliLocator
{
    public const string InstallHint = "install it with `npm install -g @github/copilot`, or point --copilot-path (or the COPILOT_CLI_PATH environment variable) at it";

    /// <summary>The executable's full path.</summary>
    /// <exception cref="ArgumentException">No such executable.</exception>
    public static string Find(string? configured)
    {
        string wanted = configured is { Length: > 0 } ? configured
            : Environment.GetEnvironmentVariable(CopilotAgentOptions.CliPathVariable) is { Length: > 0 } variable ? variable
            : "copilot";
        string? found = IsPath(wanted) ? (File.Exists(wanted) ? Path.GetFullPath(wanted) : null) : OnPath(wanted);
        return found ?? throw new ArgumentException($"The GitHub Copilot CLI '{wanted}' was not found: {InstallHint}.", nameof(configured));
    }

    private static bool IsPath(string name) =>
        Path.IsPathRooted(name) || name.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) || name.Contains(Path.AltDirectorySeparatorChar, StringComparison.Ordinal);

    private static string? OnPath(string name)
    {
        // On Windows npm installs a copilot.cmd shim; elsewhere the name is the file.
        string[] extensions = OperatingSystem.IsWindows() ? [".exe", ".cmd", ".bat", ""] : [""];
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(folder => extensions.Select(extension => Path.Combine(folder, name + extension)))
            .FirstOrDefault(File.Exists);
    }
}
