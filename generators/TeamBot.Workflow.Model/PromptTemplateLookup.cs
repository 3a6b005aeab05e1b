namespace TeamBot.Workflow;

/// <summary>
/// What a stage's prompt template path leads to, as far as the compiler can know: an additional file, a file on disk
/// that is not one (MSBuild said so, since analyzers must not read the disk), or nothing.
/// </summary>
public sealed class PromptTemplateLookup
{
    private PromptTemplateLookup(bool isAdditionalFile, string? include)
    {
        IsAdditionalFile = isAdditionalFile;
        Include = include;
    }

    /// <summary>Gets the lookup of a template that is an additional file: the compiler can embed it.</summary>
    public static PromptTemplateLookup AdditionalFile { get; } = new(isAdditionalFile: true, include: null);

    /// <summary>Gets the lookup of a template that is neither an additional file nor known to exist.</summary>
    public static PromptTemplateLookup NotFound { get; } = new(isAdditionalFile: false, include: null);

    /// <summary>Gets a value indicating whether the template is an additional file.</summary>
    public bool IsAdditionalFile { get; }

    /// <summary>
    /// Gets, for a file that exists but is not an additional file, the <c>Include</c> that would make it one (relative
    /// to the project when it is below it); otherwise <see langword="null"/>.
    /// </summary>
    public string? Include { get; }

    /// <summary>The lookup of a template that exists on disk but is not an additional file.</summary>
    /// <param name="include">The <c>AdditionalFiles</c> item's <c>Include</c> that would add it.</param>
    public static PromptTemplateLookup NotAdditionalFile(string include) => new(isAdditionalFile: false, include);
}
