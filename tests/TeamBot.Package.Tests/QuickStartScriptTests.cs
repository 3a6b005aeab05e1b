using System;
using System.Collections.Generic;
using System.IO;

namespace TeamBot.Package.Tests;

/// <summary>
/// The README's quick start, followed verbatim by <c>eng/try-quickstart.sh</c> in a fresh clone of the commit under test
/// with a fresh HOME: its pack step takes the packages this collection packed once instead of packing them again.
/// </summary>
[Collection(PackedPackagesGroup.Name)]
public sealed class QuickStartScriptTests(PackedPackageFixture package)
{
    [Fact]
    public void The_readme_quick_start_and_template_steps_run_verbatim_in_a_fresh_clone()
    {
        var environment = new Dictionary<string, string>(package.Environment)
        {
            ["TEAMBOT_PREPACKED_FEED"] = package.Feed,
            ["TMPDIR"] = package.Root,
        };

        (int exit, string output) = DotNetCli.Bash(PackedPackageFixture.RepoRoot, environment, TimeSpan.FromMinutes(10), Path.Combine(PackedPackageFixture.RepoRoot, "eng", "try-quickstart.sh"));

        Assert.True(exit == 0, output);
        Assert.Contains("PASS: README quick start", output, StringComparison.Ordinal);
        Assert.Contains("Run completed", output, StringComparison.Ordinal);
    }
}
