using System;
using System.Collections.Generic;
using System.IO;
using TeamBot.Tests.Support;

namespace TeamBot.Package.Tests;

/// <summary>Packs the TeamBot package once into a temporary local feed, with its own NuGet cache so nothing stale is used.</summary>
public sealed class PackedPackageFixture : IDisposable
{
    // The version the README's quick start names, so that its steps run verbatim on these packages (QuickStartScriptTests);
    // the fixture's own package cache keeps them from any other copy of that version.
    public const string Version = "0.1.0-local";

    public PackedPackageFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "teambot-package-tests-" + Guid.NewGuid().ToString("N")[..8]);
        Feed = Path.Combine(Root, "feed");
        Directory.CreateDirectory(Feed);
        Environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(Root, "nuget-packages") };

        foreach (string project in new[] { "src/TeamBot/TeamBot.csproj", "src/TeamBot.Agents/TeamBot.Agents.csproj", "src/TeamBot.Testing/TeamBot.Testing.csproj", "src/TeamBot.Hosting/TeamBot.Hosting.csproj", "templates/TeamBot.Templates/TeamBot.Templates.csproj" })
        {
            (int exitCode, string output) = DotNetCli.Run(RepoRoot, null, "pack", Path.Combine(RepoRoot, project), "-c", "Release", "-o", Feed, $"-p:Version={Version}", "-nodeReuse:false");
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"dotnet pack {project} failed ({exitCode}):\n{output}");
            }
        }

        PackagePath = Path.Combine(Feed, $"TeamBot.{Version}.nupkg");
    }

    public static string RepoRoot => TestSupport.RepoRoot;

    public string Root { get; }

    public string Feed { get; }

    public string PackagePath { get; }

    public IDictionary<string, string> Environment { get; }

    /// <summary>Creates a new console project that references the package, with the given workflow file beside it.</summary>
    public string CreateConsumer(string name, string stagesYaml)
    {
        string dir = Path.Combine(Root, name);
        Directory.CreateDirectory(dir);
        string templates = Path.Combine(AppContext.BaseDirectory, "Consumer");
        File.WriteAllText(Path.Combine(dir, "Consumer.csproj"), File.ReadAllText(Path.Combine(templates, "Consumer.csproj.template")).Replace("$(TeamBotVersion)", Version, StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(dir, "nuget.config"), File.ReadAllText(Path.Combine(templates, "nuget.config.template")).Replace("$(Feed)", Feed, StringComparison.Ordinal));
        File.Copy(Path.Combine(templates, "Program.cs"), Path.Combine(dir, "Program.cs"));
        File.WriteAllText(Path.Combine(dir, "stages.yaml"), stagesYaml);
        return dir;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
