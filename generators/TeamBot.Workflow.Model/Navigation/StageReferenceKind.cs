namespace TeamBot.Workflow.Navigation;

/// <summary>Where in the file a stage key is written.</summary>
public enum StageReferenceKind
{
    /// <summary>The stage's own key under <c>stages</c>: its definition.</summary>
    Definition,

    /// <summary>An entry of <c>stage_order</c>.</summary>
    StageOrder,

    /// <summary>A parallel group's <c>after</c>.</summary>
    GroupTrigger,

    /// <summary>A parallel group's member.</summary>
    GroupMember,

    /// <summary>A parallel group's <c>before</c>.</summary>
    GroupGate,

    /// <summary>A key of <c>work_to_review_mapping</c>: the work stage.</summary>
    ReviewedWork,

    /// <summary>A value of <c>work_to_review_mapping</c>: the review stage.</summary>
    ReviewStage,
}
