using System;
using TeamBot.Agents;

namespace TeamBot.Tests.Agents;

public sealed class StageContextTests
{
    [Fact]
    public void The_stage_reads_back_as_the_workflow_s_enum()
    {
        StageContext context = Context(Stage.TestStrategy);

        Assert.Equal(Stage.TestStrategy, context.GetStage<Stage>());
    }

    [Fact]
    public void Reading_the_stage_as_another_workflow_s_enum_names_both_types()
    {
        StageContext context = Context(Stage.Plan);

        var error = Assert.Throws<InvalidOperationException>(() => context.GetStage<DayOfWeek>());
        Assert.Equal("Stage 'PLAN' is a Stage of another workflow, not a DayOfWeek.", error.Message);
    }

    [Fact]
    public void A_context_built_without_the_stage_value_says_so()
    {
        StageContext context = Context(Stage.Plan) with { StageValue = null };

        var error = Assert.Throws<InvalidOperationException>(() => context.GetStage<Stage>());
        Assert.Equal("The context of stage 'PLAN' carries no stage value: it was built without StageValue.", error.Message);
    }

    private static StageContext Context(Stage stage) => new()
    {
        Stage = Workflow.Definition.GetStageName(stage),
        StageValue = stage,
        StageName = "name",
        WorkingDirectory = ".",
        ArtifactsDirectory = "artifacts",
    };
}
