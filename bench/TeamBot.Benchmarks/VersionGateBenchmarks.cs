using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TeamBot.Generators;
using TeamBot.Workflow;
using TeamBot.Workflow.Model;
using TeamBot.Workflow.Versioning;

namespace TeamBot.Benchmarks;

/// <summary>
/// What the compatibility gate costs: a workflow checked against 10 shipped versions (each renamed one stage again and
/// raised a loop limit, so the current file carries a 10-step rename chain), alone and as part of the generator's run,
/// beside the same generator run with no versions file. Every invocation checks its outcome: no problem and 10
/// migration plans, or one generated workflow.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class VersionGateBenchmarks
{
    private const int Versions = 10;
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);
    private WorkflowDocument _document = null!;
    private string _versionsText = null!;
    private EquatableArray<ShippedVersion> _shipped;
    private AdditionalText _workflowFile = null!;
    private AdditionalText _versionsFile = null!;
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private GeneratorDriver _warm = null!;
    private AdditionalText _editedWorkflowFile = null!;
    private bool _toggle;

    /// <summary>Gets or sets the workflow: the repo's 14 stages, or 300 stages with a 50-member group.</summary>
    [Params("repo", "300")]
    public string Workflow { get; set; } = "repo";

    [GlobalSetup]
    public void Setup()
    {
        string baseYaml = BenchInputs.Yaml(Workflow);
        string renamed = Workflow == "repo" ? "SETUP" : "STAGE_00000";
        string loop = Workflow == "repo" ? "SPEC_REVIEW" : "STAGE_00001";
        if (Workflow != "repo")
        {
            // The large workflow has only work stages; one review loop gives the gate loop positions to check too.
            baseYaml = baseYaml.Replace("  STAGE_00001:\n", "  STAGE_00001:\n    review_agent: reviewer\n    is_review_stage: true\n    max_iterations: 4\n", StringComparison.Ordinal);
        }

        var shapes = new List<WorkflowShape>();
        for (int version = 0; version < Versions; version++)
        {
            shapes.Add(WorkflowShape.From(Document(VersionYaml(baseYaml, renamed, loop, version))));
        }

        string current = VersionYaml(baseYaml, renamed, loop, Versions);
        _document = Document(current);
        _versionsText = ShippedVersionsFile.Write(shapes, null);
        _shipped = ShippedVersionsFile.Parse(_versionsText).Versions;
        Expect(WorkflowCompatibility.Check(_document, _shipped));

        _workflowFile = new MemoryText("/project/stages.yaml", current);
        _versionsFile = new MemoryText("/project/stages.versions.json", _versionsText);
        _compilation = CSharpCompilation.Create("Bench", [CSharpSyntaxTree.ParseText("class Program { static void Main() { } }", ParseOptions)], [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)]);
        _edited = _compilation.ReplaceSyntaxTree(_compilation.SyntaxTrees[0], CSharpSyntaxTree.ParseText("class Program { static void Main() { int x = 1; } }", ParseOptions));

        // The generator must have emitted the workflow with its 10 migrations, and a C# edit must reuse the gate's result.
        GeneratorDriver tracked = CSharpGeneratorDriver.Create([new WorkflowGenerator().AsSourceGenerator()], [_workflowFile, _versionsFile], ParseOptions, driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true)).RunGenerators(_compilation);
        string generated = Emitted(tracked);
        int migrations = generated.Split("new global::TeamBot.Definitions.WorkflowMigration(").Length - 1;
        if (migrations != Versions)
        {
            throw new InvalidOperationException($"The generated workflow has {migrations} migrations, not {Versions}.");
        }

        GeneratorRunResult rerun = tracked.RunGenerators(_edited).GetRunResult().Results[0];
        if (rerun.TrackedSteps[TrackingNames.WorkflowSpecs].SelectMany(step => step.Outputs).Any(output => output.Reason != IncrementalStepRunReason.Cached))
        {
            throw new InvalidOperationException("A C# edit ran the gate again.");
        }

        _warm = Driver(_workflowFile, _versionsFile).RunGenerators(_compilation);
        Emitted(_warm);

        // A keystroke-sized edit of the workflow outside its shape: the gate runs again, the versions file is not re-read.
        int comment = current.IndexOf("stage_order:", StringComparison.Ordinal);
        _editedWorkflowFile = new MemoryText("/project/stages.yaml", current.Insert(comment, "# edited\n"));
    }

    /// <summary>The gate alone: every position of 10 shipped versions mapped onto the current file.</summary>
    [Benchmark]
    public CompatibilityResult Gate() => Expect(WorkflowCompatibility.Check(_document, _shipped));

    /// <summary>The gate with the versions file read first, as the generator does.</summary>
    [Benchmark]
    public CompatibilityResult GateWithVersionsFile() => Expect(WorkflowCompatibility.Check(_document, ShippedVersionsFile.Parse(_versionsText).Versions));

    /// <summary>The generator's whole run (parse, validate, emit) with no shipped versions: the build as it was.</summary>
    [Benchmark(Baseline = true)]
    public GeneratorDriver GeneratorWithoutVersions() => Checked(Driver(_workflowFile).RunGenerators(_compilation));

    /// <summary>The generator's whole run with the 10 shipped versions: the build with the gate.</summary>
    [Benchmark]
    public GeneratorDriver GeneratorWith10Versions() => Checked(Driver(_workflowFile, _versionsFile).RunGenerators(_compilation));

    /// <summary>An unrelated C# edit in the IDE with the driver reused: the gate's result comes from the cache.</summary>
    [Benchmark]
    public GeneratorDriver UnrelatedEditWith10Versions() => Checked(_warm.RunGenerators(_edited));

    /// <summary>An edit of the workflow in the IDE with the driver reused: the workflow is parsed, validated and gated again.</summary>
    [Benchmark]
    public GeneratorDriver WorkflowEditWith10Versions()
    {
        _toggle = !_toggle;
        _warm = _toggle ? _warm.ReplaceAdditionalText(_workflowFile, _editedWorkflowFile) : _warm.ReplaceAdditionalText(_editedWorkflowFile, _workflowFile);
        return Checked(_warm = _warm.RunGenerators(_compilation));
    }

    private static string VersionYaml(string baseYaml, string renamed, string loop, int version)
    {
        string yaml = baseYaml;
        if (version > 0)
        {
            yaml = yaml.Replace($"  {renamed}:\n", $"  {renamed}_V{version}:\n", StringComparison.Ordinal)
                .Replace($"  - {renamed}\n", $"  - {renamed}_V{version}\n", StringComparison.Ordinal);
            var migrations = new StringBuilder("migrations:\n  renamed:\n");
            for (int i = 1; i <= version; i++)
            {
                migrations.Append(CultureInfo.InvariantCulture, $"    {(i == 1 ? renamed : $"{renamed}_V{i - 1}")}: {renamed}_V{i}\n");
            }

            yaml += migrations.ToString();
        }

        // Each version allows one more iteration of the loop: raising a limit never strands a run.
        return SetLimit(yaml, loop, 4 + version);
    }

    private static string SetLimit(string yaml, string loop, int limit)
    {
        int stage = yaml.IndexOf($"  {loop}:\n", StringComparison.Ordinal);
        int field = yaml.IndexOf("    max_iterations: ", stage, StringComparison.Ordinal);
        int end = yaml.IndexOf('\n', field);
        return string.Concat(yaml.AsSpan(0, field), $"    max_iterations: {limit.ToString(CultureInfo.InvariantCulture)}", yaml.AsSpan(end));
    }

    private static WorkflowDocument Document(string yaml)
    {
        WorkflowAnalysis analysis = WorkflowAnalysis.Analyze(yaml);
        if (analysis.Document is null || analysis.HasErrors())
        {
            throw new InvalidOperationException("A benchmark version is invalid: " + string.Join("; ", analysis.Problems.Select(TeamBot.Workflow.Diagnostics.WorkflowRules.Message)));
        }

        return analysis.Document;
    }

    private static CompatibilityResult Expect(CompatibilityResult result) =>
        result.Problems.Count == 0 && result.Plans.Count == Versions
            ? result
            : throw new InvalidOperationException($"The gate found {result.Problems.Count} problems and {result.Plans.Count} plans.");

    private static GeneratorDriver Checked(GeneratorDriver driver)
    {
        Emitted(driver);
        return driver;
    }

    private static string Emitted(GeneratorDriver driver)
    {
        GeneratorRunResult result = driver.GetRunResult().Results[0];
        return result.Exception is null && result.GeneratedSources.Length == 1 && result.Diagnostics.IsEmpty
            ? result.GeneratedSources[0].SourceText.ToString()
            : throw new InvalidOperationException($"The generator did not emit the workflow cleanly: {result.Exception}{string.Join("; ", result.Diagnostics)}");
    }

    private static CSharpGeneratorDriver Driver(params AdditionalText[] files) =>
        CSharpGeneratorDriver.Create([new WorkflowGenerator().AsSourceGenerator()], files, ParseOptions, driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
}
