using System.Globalization;
using Microsoft.CodeAnalysis;
using TeamBot.Generators.Tests.Infrastructure;

namespace TeamBot.Generators.Tests;

/// <summary>
/// TB0402 as the generator reports it: an artifact path that names a folder fails the build at the path, instead of
/// generating a workflow that fails mid-run when the stage's output cannot be written.
/// </summary>
public sealed class ArtifactFolderReportTests
{
    [Theory]
    [InlineData(".", "the run's artifacts folder itself")]
    [InlineData("./", "the run's artifacts folder itself")]
    [InlineData("dir/", "a folder (its last part is empty, '.', or only dots and spaces)")]
    public void An_artifact_path_that_names_a_folder_generates_no_workflow_and_is_reported_at_the_path(string path, string reason)
    {
        string yaml = $"stages:\n  A:\n    work_agent: pm\n    artifacts: [notes.md, '{path}']\n  B: {{}}\nstage_order: [A, B]\n";

        GeneratorRun run = GeneratorHarness.Run(("/project/stages.yaml", yaml));

        Assert.Null(run.Generator.Exception);
        Assert.Empty(run.Workflows);
        Assert.Single(run.Stubs);
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(("TB0402", DiagnosticSeverity.Error), (diagnostic.Id, diagnostic.Severity));
        Assert.Equal(
            $"Artifact '{path}' of stage 'A' is not a file name: it names {reason}; an artifact is a file the stage writes, such as 'notes.md' or 'design/notes.md'",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        Assert.Equal(("/project/stages.yaml", 3, 26, 3, 28 + path.Length), (span.Path, span.StartLinePosition.Line, span.StartLinePosition.Character, span.EndLinePosition.Line, span.EndLinePosition.Character));
        Assert.Equal($"'{path}'", yaml.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }
}
