using System;
using System.IO;
using System.Linq;

namespace TeamBot.Hosting.Commands;

/// <summary>
/// How the user starts this command line, for the commands it prints (<c>continue with: … resume csv-export</c>): the
/// installed tool by its name, or <c>dotnet run --project &lt;folder&gt; --</c> when it runs from a project's build
/// output, as the README's main job does.
/// </summary>
internal static class CommandName
{
    private const string Installed = "teambot";

    /// <summary>The command that starts this process again from <paramref name="workingDirectory"/>.</summary>
    /// <param name="processPath">The running executable (<see cref="Environment.ProcessPath"/>).</param>
    /// <param name="workingDirectory">Where the user typed the command.</param>
    public static string Of(string? processPath, string workingDirectory)
    {
        string name = Path.GetFileNameWithoutExtension(processPath ?? "");

        // A host that runs the command line in its own process (a test host, `dotnet some.dll`) is not how users start it.
        if (name.Length == 0 || name == "dotnet" || name.StartsWith("testhost", StringComparison.OrdinalIgnoreCase))
        {
            return Installed;
        }

        // <project>/bin/<configuration>/<framework>/<name>: the build output of a project, as `dotnet run` starts it.
        DirectoryInfo? output = new FileInfo(processPath!).Directory;
        DirectoryInfo? project = output?.Parent?.Parent?.Parent;
        if (output?.Parent?.Parent?.Name == "bin" && project is not null && project.EnumerateFiles("*.csproj").Any())
        {
            string relative = Path.GetRelativePath(workingDirectory, project.FullName);
            return $"dotnet run --project {(relative.Contains(' ', StringComparison.Ordinal) ? $"\"{relative}\"" : relative)} --";
        }

        return name;
    }
}
