using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace TeamBot.Package.Tests;

/// <summary>
/// Every <c>```csharp</c> block of the README and docs/ is a whole C# file that compiles in a consumer project of the
/// packed packages, and the program blocks run; <c>```csharp fragment</c> marks the few that are only part of a file
/// (see docs/testing.md, "The docs' code compiles").
/// </summary>
[Collection(PackedPackagesGroup.Name)]
public sealed class DocCodeBlockTests(PackedPackageFixture package)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public void Every_csharp_block_of_the_readme_and_docs_builds_against_the_packed_packages_and_its_programs_run()
    {
        IReadOnlyList<DocFence> fences = DocFences.Find(PackedPackageFixture.RepoRoot);

        // A C# block under another info string ("cs", "csharp fragmnet") would be neither compiled nor a declared fragment.
        Assert.Empty(fences.Where(fence => fence.LooksLikeCSharp && fence.Info is not (DocFence.Compiled or DocFence.Fragment)).Select(fence => $"{fence}: ```{fence.Info}"));
        DocFence[] blocks = [.. fences.Where(fence => fence.Info == DocFence.Compiled)];

        // The blocks this test is known to check, so that an extraction that finds nothing cannot pass.
        Assert.Contains(blocks, block => block.File == "README.md" && block.IsProgram && block.Code.Contains("Workflow.Definition", StringComparison.Ordinal));
        Assert.Contains(blocks, block => block.File == "docs/executor.md" && block.IsProgram && block.Code.Contains(": IStageAgent", StringComparison.Ordinal) && block.Code.Contains("new WorkflowRunner<Stage>", StringComparison.Ordinal));
        Assert.Contains(blocks, block => block.File == "docs/testing.md" && !block.IsProgram);

        var solution = DocConsumerSolution.Create(package, Path.Combine(package.Root, "docs-blocks"), blocks);
        (int buildExit, string buildOutput) = DotNetCli.Run(solution.Directory, package.Environment, "build", solution.SolutionPath, "-nodeReuse:false");
        Assert.True(buildExit == 0, solution.DescribeFailures(buildOutput));

        // Offline by construction (the packages' agents are not used); temporary folders land in the fixture's root.
        string temp = Path.Combine(package.Root, "docs-blocks-tmp");
        Directory.CreateDirectory(temp);
        var environment = new Dictionary<string, string>(package.Environment) { ["TMPDIR"] = temp, ["TMP"] = temp, ["TEMP"] = temp };
        var outputs = new ConcurrentDictionary<DocFence, string>();
        var failures = new ConcurrentBag<string>();
        Parallel.ForEach(solution.Programs, new ParallelOptions { MaxDegreeOfParallelism = 2 }, program =>
        {
            (int exitCode, string output) = DotNetCli.Run(program.ProjectDirectory, environment, RunTimeout, Path.Combine("bin", "Debug", "net10.0", program.Assembly + ".dll"));
            outputs[program.Block] = output;
            if (exitCode != 0)
            {
                failures.Add($"{program.Block} exited with {exitCode}:\n{output}");
            }
        });

        Assert.True(failures.IsEmpty, string.Join("\n", failures));
        Assert.Contains("RESEARCH", Output("README.md"), StringComparison.Ordinal);
        Assert.Contains("Implementation Plan by pm, reviewed in PlanReview", Output("README.md"), StringComparison.Ordinal);
        string executor = Output("docs/executor.md");
        Assert.Contains("ReviewIterationCompleted SPEC_REVIEW #1: approved", executor, StringComparison.Ordinal);
        Assert.Contains("AcceptanceRunCompleted ACCEPTANCE_TEST #1", executor, StringComparison.Ordinal);
        Assert.Contains("Complete: 14 stages completed", executor, StringComparison.Ordinal);

        string Output(string file) => string.Concat(outputs.Where(pair => pair.Key.File == file).Select(pair => pair.Value));
    }
}
