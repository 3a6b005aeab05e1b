using System;
using System.IO;
using TeamBot.Hosting.Commands;

namespace TeamBot.Hosting.Tests;

/// <summary>The commands teambot prints are the ones that start it again the way the user started it.</summary>
public sealed class CommandNameTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "teambot-command-name", Guid.NewGuid().ToString("N"));

    [Fact]
    public void From_a_projects_build_output_it_is_dotnet_run_with_the_project_relative_to_where_the_user_is()
    {
        string project = Path.Combine(_root, "src", "TeamBot.Cli");
        string output = Path.Combine(project, "bin", "Debug", "net10.0");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(project, "TeamBot.Cli.csproj"), "<Project />");

        Assert.Equal($"dotnet run --project {Path.Combine("src", "TeamBot.Cli")} --", CommandName.Of(Path.Combine(output, "TeamBot.Cli"), _root));
    }

    [Theory]
    [InlineData("/home/me/.dotnet/tools/teambot", "teambot")]
    [InlineData("/opt/release-train/release-train", "release-train")]
    [InlineData("/usr/share/dotnet/dotnet", "teambot")]
    [InlineData(null, "teambot")]
    public void Installed_it_is_the_executables_name(string? processPath, string expected) =>
        Assert.Equal(expected, CommandName.Of(processPath, _root));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
