using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace TeamBot.Package.Tests;

/// <summary>
/// The docs' compiled blocks as consumer projects of the packed packages, in one solution so that one MSBuild
/// invocation restores and builds them all: each program block is a console project of its own (it is run), the
/// library blocks share one project. Every project has the repository's stages.yaml, as the quick start copies it.
/// </summary>
internal sealed class DocConsumerSolution
{
    private const string LibraryProject = "DocLibraries";

    private readonly Dictionary<DocFence, string> _sources = [];

    private DocConsumerSolution(string directory)
    {
        Directory = directory;
        SolutionPath = Path.Combine(directory, "Docs.slnx");
    }

    public string Directory { get; }

    public string SolutionPath { get; }

    /// <summary>Gets the program blocks with the folder each one's project is in and the name of its assembly.</summary>
    public List<(DocFence Block, string ProjectDirectory, string Assembly)> Programs { get; } = [];

    public static DocConsumerSolution Create(PackedPackageFixture package, string directory, IEnumerable<DocFence> blocks)
    {
        var solution = new DocConsumerSolution(directory);
        string templates = Path.Combine(AppContext.BaseDirectory, "DocConsumer");
        string stagesYaml = File.ReadAllText(Path.Combine(PackedPackageFixture.RepoRoot, "stages.yaml"));
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Consumer", "nuget.config.template")).Replace("$(Feed)", package.Feed, StringComparison.Ordinal));

        var projects = new List<string>();
        string CreateProject(string name, string template)
        {
            string projectDirectory = Path.Combine(directory, name);
            System.IO.Directory.CreateDirectory(projectDirectory);
            File.WriteAllText(Path.Combine(projectDirectory, name + ".csproj"), File.ReadAllText(Path.Combine(templates, template)).Replace("$(TeamBotVersion)", PackedPackageFixture.Version, StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(projectDirectory, "stages.yaml"), stagesYaml);
            projects.Add($"{name}/{name}.csproj");
            return projectDirectory;
        }

        string? library = null;
        foreach (DocFence block in blocks)
        {
            string name = Regex.Replace(block.File, "[^A-Za-z0-9]", "_") + "_L" + block.Line;
            if (block.IsProgram)
            {
                string projectDirectory = CreateProject(name, "DocProgram.csproj.template");
                solution.Add(block, Path.Combine(projectDirectory, "Program.cs"));
                solution.Programs.Add((block, projectDirectory, name));
            }
            else
            {
                library ??= CreateProject(LibraryProject, "DocLibrary.csproj.template");
                solution.Add(block, Path.Combine(library, name + ".cs"));
            }
        }

        File.WriteAllText(solution.SolutionPath, "<Solution>\n" + string.Concat(projects.Select(project => $"  <Project Path=\"{project}\" />\n")) + "</Solution>\n");
        return solution;
    }

    /// <summary>Each block that did not build, at its place in the docs, with its errors at their doc lines; then the rest.</summary>
    public string DescribeFailures(string buildOutput)
    {
        string[] errors = [.. buildOutput.Split('\n').Select(line => line.TrimEnd()).Where(line => line.Contains(": error ", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal)];
        var text = new StringBuilder();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach ((DocFence block, string source) in _sources)
        {
            string[] own = [.. errors.Where(error => error.StartsWith(source + "(", StringComparison.Ordinal))];
            if (own.Length == 0)
            {
                continue;
            }

            text.Append(FormattableString.Invariant($"{block} (the block whose fence opens there) does not build:\n"));
            foreach (string error in own)
            {
                placed.Add(error);
                Match at = Regex.Match(error[source.Length..], @"^\((?<line>\d+),(?<column>\d+)\): (?<message>.*?)(\s+\[[^\]]*\])?$");
                text.Append(at.Success
                    ? FormattableString.Invariant($"  {block.File}({block.Line + int.Parse(at.Groups["line"].Value, CultureInfo.InvariantCulture)},{at.Groups["column"].Value}): {at.Groups["message"].Value}\n")
                    : $"  {error}\n");
            }
        }

        string[] others = [.. errors.Where(error => !placed.Contains(error))];
        if (others.Length > 0)
        {
            text.Append("Errors outside the blocks (restore, generator, project):\n").AppendJoin('\n', others).Append('\n');
        }

        return text.Length > 0 ? text.ToString() : "The build failed without an error line:\n" + buildOutput;
    }

    private void Add(DocFence block, string source)
    {
        File.WriteAllText(source, block.Code);
        _sources[block] = source;
    }
}
