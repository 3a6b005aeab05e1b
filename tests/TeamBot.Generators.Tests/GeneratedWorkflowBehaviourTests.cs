using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis.Emit;
using TeamBot.Definitions;
using TeamBot.Generators.Tests.Infrastructure;

namespace TeamBot.Generators.Tests;

/// <summary>
/// Compiles and loads the code generated from the repo's stages.yaml, then checks what it answers through
/// <see cref="IWorkflowDefinition{TStage}"/>. Each check is generic over the generated enum, which only exists at run time.
/// </summary>
public sealed class GeneratedWorkflowBehaviourTests
{
    private static readonly Lazy<object> Workflow = new(LoadRepoWorkflow);

    [Fact]
    public void Stage_order_follows_stage_order_with_dotnet_names() => Check(nameof(StageOrder));

    [Fact]
    public void The_trigger_fans_out_to_the_group_and_members_converge_at_the_gate() => Check(nameof(FanOutAndGate));

    [Fact]
    public void Persisted_names_round_trip_and_unknown_names_are_refused() => Check(nameof(NamesRoundTrip));

    [Fact]
    public void Descriptors_carry_the_yaml_values() => Check(nameof(Descriptors));

    [Fact]
    public void An_undefined_stage_value_throws_ArgumentOutOfRange() => Check(nameof(UndefinedStage));

    private static void StageOrder<TStage>(IWorkflowDefinition<TStage> workflow)
        where TStage : struct, Enum
    {
        Assert.Equal(
            ["Setup", "BusinessProblem", "Spec", "SpecReview", "Research", "TestStrategy", "Plan", "PlanReview", "Implementation", "ImplementationReview", "Test", "AcceptanceTest", "PostReview", "Complete"],
            workflow.StageOrder.Select(stage => stage.ToString()));
        Assert.Equal(Enumerable.Range(0, 14), workflow.StageOrder.Select(stage => Convert.ToInt32(stage, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(workflow.StageOrder, workflow.Stages.Select(stage => stage.Stage));
    }

    private static void FanOutAndGate<TStage>(IWorkflowDefinition<TStage> workflow)
        where TStage : struct, Enum
    {
        TStage specReview = Stage(workflow, "SPEC_REVIEW");
        TStage research = Stage(workflow, "RESEARCH");

        Assert.Equal(["RESEARCH", "TEST_STRATEGY"], workflow.GetNextStages(specReview).Select(workflow.GetStageName));
        Assert.Equal(["PLAN"], workflow.GetNextStages(research).Select(workflow.GetStageName));
        Assert.Empty(workflow.GetNextStages(Stage(workflow, "COMPLETE")));
        ParallelGroupDescriptor<TStage> group = Assert.IsType<ParallelGroupDescriptor<TStage>>(workflow.GetGroupTriggeredBy(specReview));
        Assert.Equal("post_spec_review", group.Name);
        Assert.Equal(2, group.MaxConcurrency);
        Assert.Equal("PLAN", workflow.GetStageName(group.Before));
        Assert.Same(group, workflow.GetGroupOf(research));
        Assert.Null(workflow.GetGroupOf(specReview));
        Assert.Same(group, Assert.Single(workflow.ParallelGroups));
    }

    private static void NamesRoundTrip<TStage>(IWorkflowDefinition<TStage> workflow)
        where TStage : struct, Enum
    {
        foreach (TStage stage in workflow.StageOrder)
        {
            Assert.True(workflow.TryGetStage(workflow.GetStageName(stage), out TStage found));
            Assert.Equal(stage, found);
        }

        Assert.False(workflow.TryGetStage("spec_review", out _));
        Assert.Throws<ArgumentNullException>(() => workflow.TryGetStage(null!, out _));
    }

    private static void Descriptors<TStage>(IWorkflowDefinition<TStage> workflow)
        where TStage : struct, Enum
    {
        StageDescriptor<TStage> implementation = workflow.GetStage(Stage(workflow, "IMPLEMENTATION"));
        StageDescriptor<TStage> postReview = workflow.GetStage(Stage(workflow, "POST_REVIEW"));

        Assert.Equal(["builder-1", "builder-2"], implementation.ParallelAgents.AsEnumerable());
        Assert.Equal(TimeSpan.FromHours(3), implementation.Timeout);
        Assert.Equal(["implementation_notes.md"], implementation.Artifacts.AsEnumerable());
        Assert.True(postReview.IsReviewStage);
        Assert.True(postReview.RequiresAcceptanceTestsPassed);
        Assert.Equal(4, postReview.MaxIterations);
        Assert.Equal("ACCEPTANCE_TEST", workflow.GetStageName(workflow.GetWorkStage(postReview.Stage)!.Value));
        Assert.Equal("SPEC_REVIEW", workflow.GetStageName(workflow.GetReviewStage(Stage(workflow, "SPEC"))!.Value));
        Assert.Null(workflow.GetReviewStage(Stage(workflow, "RESEARCH")));
        Assert.False(workflow.GetStage(Stage(workflow, "COMPLETE")).IncludeObjective);
        Assert.True(workflow.GetStage(Stage(workflow, "BUSINESS_PROBLEM")).IsOptional);
        Assert.Contains("SPEC_REVIEW --> RESEARCH", workflow.MermaidGraph, StringComparison.Ordinal);
        Assert.Equal("stages.yaml", workflow.SourceFileName);
        Assert.Equal("Workflow", workflow.Name);
    }

    private static void UndefinedStage<TStage>(IWorkflowDefinition<TStage> workflow)
        where TStage : struct, Enum
    {
        TStage bogus = (TStage)Enum.ToObject(typeof(TStage), 99);

        Assert.Throws<ArgumentOutOfRangeException>(() => workflow.GetStage(bogus));
        Assert.Throws<ArgumentOutOfRangeException>(() => workflow.GetNextStages(bogus));
    }

    private static TStage Stage<TStage>(IWorkflowDefinition<TStage> workflow, string name)
        where TStage : struct, Enum =>
        workflow.TryGetStage(name, out TStage stage) ? stage : throw new InvalidOperationException($"No stage {name}.");

    private static void Check(string method)
    {
        object workflow = Workflow.Value;
        Type stageType = workflow.GetType().GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IWorkflowDefinition<>)).GetGenericArguments()[0];
        MethodInfo check = typeof(GeneratedWorkflowBehaviourTests).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(stageType);
        try
        {
            check.Invoke(null, [workflow]);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
        }
    }

    private static object LoadRepoWorkflow()
    {
        GeneratorRun run = GeneratorHarness.Run(("/project/stages.yaml", GoldenOutputTests.ReadInput("repo")));
        using var stream = new MemoryStream();
        EmitResult emitted = run.Output.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        stream.Position = 0;
        Assembly assembly = new AssemblyLoadContext("generated-workflow").LoadFromStream(stream);
        return assembly.GetType("Tests.Workflow")!.GetProperty("Definition")!.GetValue(null)!;
    }
}
