namespace TeamBot.LanguageServer.Features;

/// <summary>Where a field is written: the places stages.yaml has fields.</summary>
internal enum FieldScope
{
    /// <summary>The top level: the sections.</summary>
    Workflow,

    /// <summary>A stage.</summary>
    Stage,

    /// <summary>A stage's permissions.</summary>
    Permissions,

    /// <summary>A parallel group.</summary>
    Group,

    /// <summary>The <c>budget</c> section.</summary>
    Budget,
}
