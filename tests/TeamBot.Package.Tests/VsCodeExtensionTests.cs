using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using TeamBot.Tests.Support;

namespace TeamBot.Package.Tests;

/// <summary>
/// The VS Code extension for workflow files packs from the committed sources as <c>eng/pack-vscode.sh</c> packs it
/// (npm ci, typecheck, its own unit tests, esbuild, vsce), and the .vsix holds the bundle and not the packages.
/// </summary>
public sealed class VsCodeExtensionTests
{
    [NpmFact]
    public void The_pack_script_makes_a_vsix_with_the_bundle_and_without_node_modules()
    {
        string root = TestSupport.RepoRoot;

        // A hang guard for npm ci on a slow registry, not a measure of speed.
        (int exit, string output) = DotNetCli.Bash(root, null, TimeSpan.FromMinutes(15), Path.Combine(root, "eng", "pack-vscode.sh"));

        Assert.True(exit == 0, output);
        // The script prints the path last on stdout; vsce's report on stderr may interleave here, so look for it anywhere.
        string vsix = Path.Combine(root, "editors", "vscode", "teambot-workflows-0.1.0.vsix");
        Assert.Contains(vsix, output, StringComparison.Ordinal);
        Assert.True(File.Exists(vsix), output);
        using ZipArchive archive = ZipFile.OpenRead(vsix);
        string[] entries = archive.Entries.Select(entry => entry.FullName).ToArray();
        Assert.Contains("extension/dist/extension.js", entries);
        Assert.Contains("extension/package.json", entries);
        Assert.DoesNotContain(entries, entry => entry.Contains("node_modules/typescript", StringComparison.Ordinal));
    }
}

/// <summary>A test that needs npm (and bash); skipped, saying why, where npm is not on the PATH.</summary>
public sealed class NpmFactAttribute : FactAttribute
{
    public NpmFactAttribute()
    {
        if (OperatingSystem.IsWindows() || !OnPath("npm") || !OnPath("bash"))
        {
            Skip = "npm (Node.js 20+) and bash are needed to pack the VS Code extension: install Node.js, or run `bash eng/pack-vscode.sh` where it is.";
        }
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, program)));
}
