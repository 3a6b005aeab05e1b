using System;
using System.Collections.Generic;
using System.IO;

namespace TeamBot.Package.Tests;

/// <summary><c>dotnet new teambot</c> from the freshly packed template, built against the freshly packed packages and run offline.</summary>
[Collection(PackedPackagesGroup.Name)]
public sealed class TemplateTests(PackedPackageFixture package)
{
    [Fact]
    public void The_template_creates_a_project_that_builds_and_runs_offline()
    {
        string hive = Path.Combine(package.Root, "template-hive");
        string app = Path.Combine(package.Root, "template-app");
        var environment = new Dictionary<string, string>(package.Environment) { ["DOTNET_CLI_HOME"] = Path.Combine(package.Root, "cli-home") };

        (int install, string installOutput) = DotNetCli.Run(package.Root, environment, "new", "install", Path.Combine(package.Feed, $"TeamBot.Templates.{PackedPackageFixture.Version}.nupkg"), "--debug:custom-hive", hive);
        Assert.True(install == 0, installOutput);
        (int create, string createOutput) = DotNetCli.Run(package.Root, environment, "new", "teambot", "-n", "AcmeDelivery", "-o", app, "--debug:custom-hive", hive);
        Assert.True(create == 0, createOutput);

        // Without --TeamBotVersion the project asks for the packages of the template's own version: the feed has them.
        Assert.Contains($"Version=\"{PackedPackageFixture.Version}\"", File.ReadAllText(Path.Combine(app, "AcmeDelivery.csproj")), StringComparison.Ordinal);
        foreach (string file in new[] { "AcmeDelivery.csproj", "Program.cs", "stages.yaml", "schemas/stages.schema.json", ".github/agents/reviewer.agent.md", "objectives/add-export.md" })
        {
            Assert.True(File.Exists(Path.Combine(app, file)), file);
        }

        Assert.Contains("using AcmeDelivery;", File.ReadAllText(Path.Combine(app, "Program.cs")), StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""<?xml version="1.0" encoding="utf-8"?><configuration><packageSources><add key="teambot-local" value="{package.Feed}" /></packageSources></configuration>""");

        (int build, string buildOutput) = DotNetCli.Run(app, environment, "build", "-nodeReuse:false");
        Assert.True(build == 0, buildOutput);
        Assert.DoesNotContain("CS8785", buildOutput, StringComparison.Ordinal);

        (int run, string runOutput) = DotNetCli.Run(app, environment, "run", "--no-build", "--", "run", "objectives/add-export.md", "--plain");
        Assert.True(run == 0, runOutput);
        Assert.Contains("Run completed", runOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(app, ".teambot", "csv-export", "orchestration_state.json")));
    }
}
