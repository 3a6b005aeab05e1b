using System.Threading.Tasks;
using static TeamBot.Analyzers.DiagnosticDescriptors;
using static TeamBot.Analyzers.Tests.AnalyzerHarness;

namespace TeamBot.Analyzers.Tests;

/// <summary>TB0402: an artifact names a file, never a folder or the run's artifacts folder itself.</summary>
public sealed class ArtifactFolderRuleTests
{
    private const string ArtifactsFolder = "the run's artifacts folder itself";
    private const string Folder = "a folder (its last part is empty, '.', or only dots and spaces)";

    [Theory]
    [InlineData(".", ArtifactsFolder)]
    [InlineData("./", ArtifactsFolder)]
    [InlineData("./.", ArtifactsFolder)]
    [InlineData(".//", ArtifactsFolder)]
    [InlineData("dir/", Folder)]
    [InlineData("dir\\", Folder)]
    [InlineData("dir/.", Folder)]
    [InlineData("design/notes/", Folder)]
    [InlineData("dir/...", Folder)]
    [InlineData("dir/ ", Folder)]
    public async Task TB0402_an_artifact_path_that_names_a_folder(string path, string reason)
    {
        string quoted = "'" + path + "'";
        string yaml = Workflows.With("artifacts: [research.md]", $"artifacts: [{quoted}]");

        await VerifyAsync(yaml, At(ArtifactPathIsFolder, yaml, quoted).WithArguments(path, "RESEARCH", reason));
    }

    [Fact]
    public async Task TB0402_message_for_the_artifacts_folder()
    {
        string yaml = Workflows.With("artifacts: [research.md]", "artifacts: [research.md, ./]");

        await VerifyAsync(
            yaml,
            At(ArtifactPathIsFolder, 12, 30, 12, 32)
                .WithMessage("Artifact './' of stage 'RESEARCH' is not a file name: it names the run's artifacts folder itself; an artifact is a file the stage writes, such as 'notes.md' or 'design/notes.md'"));
    }

    [Fact]
    public async Task TB0402_a_file_that_another_stage_writes_into_as_a_folder()
    {
        string yaml = Workflows
            .With("artifacts: [research.md]", "artifacts: [design]")
            .Replace("artifacts: [test_strategy.md]", "artifacts: [Design/test_strategy.md]", System.StringComparison.Ordinal);

        await VerifyAsync(
            yaml,
            At(ArtifactPathIsFolder, yaml, "design", within: "[design]")
                .WithMessage("Artifact 'design' of stage 'RESEARCH' is not a file name: it names a folder, since artifact 'Design/test_strategy.md' of stage 'TEST_STRATEGY' lies inside it; an artifact is a file the stage writes, such as 'notes.md' or 'design/notes.md'"));
    }

    [Theory]
    [InlineData("a/..")]
    [InlineData("a/../")]
    [InlineData("..")]
    public async Task TB0401_alone_for_a_path_with_a_parent_segment_even_when_it_also_names_a_folder(string path)
    {
        string quoted = "'" + path + "'";
        string yaml = Workflows.With("artifacts: [research.md]", $"artifacts: [{quoted}]");

        await VerifyAsync(yaml, At(UnsafePath, yaml, quoted).WithArguments("Artifact of stage 'RESEARCH'", path));
    }

    [Theory]
    [InlineData("./research.md")]
    [InlineData("design/./overview.md")]
    [InlineData(".notes")]
    [InlineData("notes.")]
    [InlineData("design/overview.md")]
    public async Task File_paths_pass(string path)
    {
        string yaml = Workflows.With("artifacts: [research.md]", $"artifacts: ['{path}']");

        await VerifyAsync(yaml);
    }

    [Fact]
    public async Task Files_side_by_side_in_one_folder_pass()
    {
        string yaml = Workflows
            .With("artifacts: [research.md]", "artifacts: [design/a.md, ./design/b.md]")
            .Replace("artifacts: [test_strategy.md]", "artifacts: [design/c.md]", System.StringComparison.Ordinal);

        await VerifyAsync(yaml);
    }
}
