namespace TeamBot.Workflow.Diagnostics;

/// <summary>What a <see cref="ProblemFix"/> does to the file.</summary>
public enum FixKind
{
    /// <summary>Replaces the problem's span with the value: a did-you-mean correction.</summary>
    Replace,

    /// <summary>Adds the stage whose key is at the problem's span to stage_order, after the stage declared before it.</summary>
    AddToStageOrder,

    /// <summary>Adds the value (<c>field: value</c>) as the first field of the mapping whose key is at the problem's span.</summary>
    AddField,

    /// <summary>Removes the list item at the problem's span.</summary>
    RemoveListItem,
}
