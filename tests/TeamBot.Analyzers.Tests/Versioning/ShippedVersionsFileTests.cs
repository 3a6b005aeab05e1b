using System.IO;
using System.Linq;
using TeamBot.Tests.Support;
using TeamBot.Workflow;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;
using TeamBot.Workflow.Versioning;

namespace TeamBot.Analyzers.Tests.Versioning;

/// <summary>The shipped versions file: written deterministically, read back exactly, and refused with a location when broken (TB0606, TB0607).</summary>
public sealed class ShippedVersionsFileTests
{
    [Fact]
    public void Written_shapes_read_back_equal_and_shipping_the_same_shape_again_changes_nothing()
    {
        string repo = File.ReadAllText(Path.Combine(TestSupport.RepoRoot, "stages.yaml"));
        WorkflowShape[] shapes = [Gate.Shape(Workflows.Valid), Gate.Shape(repo)];
        string file = ShippedVersionsFile.Write(shapes, null);
        (EquatableArray<ShippedVersion> versions, EquatableArray<WorkflowProblem> problems) = ShippedVersionsFile.Parse(file);
        Assert.Empty(problems);
        Assert.Equal(shapes, versions.Select(version => version.Shape));
        Assert.Equal(file, ShippedVersionsFile.Write(versions.Select(version => version.Shape), shapes[1]));
    }

    [Fact]
    public void The_repo_records_its_workflow_as_shipped()
    {
        string repo = File.ReadAllText(Path.Combine(TestSupport.RepoRoot, "stages.yaml"));
        string file = File.ReadAllText(Path.Combine(TestSupport.RepoRoot, "stages.versions.json"));
        (EquatableArray<ShippedVersion> versions, EquatableArray<WorkflowProblem> problems) = ShippedVersionsFile.Parse(file);
        Assert.Empty(problems);
        Assert.Contains(versions, version => version.Version == Gate.Shape(repo).ComputeVersion());
    }

    [Theory]
    [InlineData("stages.yaml", "stages.versions.json")]
    [InlineData("flows/delivery.stages.yaml", "flows/delivery.stages.versions.json")]
    [InlineData(@"C:\repo\my.flow\stages", @"C:\repo\my.flow\stages.versions.json")]
    public void The_versions_file_sits_beside_its_workflow(string workflow, string versions) =>
        Assert.Equal(versions, ShippedVersionsFile.PathFor(workflow));

    [Fact]
    public void Broken_json_is_TB0606_at_its_location()
    {
        string file = "{\n  \"versions\": [\n    { \"version\": \"abc\",, }\n  ]\n}\n";
        WorkflowProblem problem = Assert.Single(ShippedVersionsFile.Parse(file).Problems);
        Assert.Equal(RuleIds.ShippedVersionsUnreadable, problem.Id);
        Assert.Equal(2, problem.Span.StartLine);
        Assert.StartsWith("The shipped versions file cannot be read: Invalid YAML", WorkflowRules.Message(problem), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{ \"versions\": 3 }")]
    [InlineData("{ \"versions\": [ { \"stages\": [] } ] }")]
    [InlineData("{ \"versions\": [ { \"version\": \"x\", \"stages\": [ { \"key\": \"A\", \"kind\": \"loop\" } ] } ] }")]
    [InlineData("{ \"versions\": [ { \"version\": \"x\", \"stages\": [ { \"key\": \"A\", \"kind\": \"review\" } ] } ] }")]
    [InlineData("{ \"versions\": [ { \"version\": \"x\", \"groups\": [ { \"name\": \"g\", \"stages\": [] } ] } ] }")]
    public void A_file_of_the_wrong_shape_is_TB0606(string file)
    {
        WorkflowProblem problem = Assert.Single(ShippedVersionsFile.Parse(file).Problems);
        Assert.Equal(RuleIds.ShippedVersionsUnreadable, problem.Id);
    }

    [Fact]
    public void An_entry_edited_by_hand_is_TB0607_at_its_id()
    {
        string file = ShippedVersionsFile.Write([Gate.Shape(Workflows.Valid)], null).Replace("\"SETUP\"", "\"START\"", System.StringComparison.Ordinal);
        WorkflowProblem problem = Assert.Single(ShippedVersionsFile.Parse(file).Problems);
        Assert.Equal(RuleIds.ShippedVersionEdited, problem.Id);
        Gate.At(problem, file, "\"" + Gate.Shape(Workflows.Valid).ComputeVersion() + "\"");
    }
}
