using System.Globalization;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;

namespace TeamBot.Workflow;

/// <summary>
/// Which prompt template texts the compiler takes in (TB0502), decided here so that the analyzer and the generator
/// refuse the same ones. A template's text becomes a string literal in the generated code, and a program's string
/// literals share one metadata heap of 16 MB (about 8 million characters), so an oversized template would otherwise end
/// in CS8103 with no word of which file caused it, after the compiler had held several copies of it in memory.
/// </summary>
public static class PromptTemplateText
{
    /// <summary>The longest template compiled in, in characters: 1,048,576 (1 MiB of ASCII text).</summary>
    public const int MaxLength = 1024 * 1024;

    /// <summary>TB0502's {2} for a template the compiler could not read.</summary>
    public const string Unreadable = "could not be read by the compiler; check that the file exists and can be read";

    /// <summary>TB0502's {2} for a template over <see cref="MaxLength"/>; {0} is its length.</summary>
    public const string TooLarge = "is {0} characters long, more than the 1,048,576 (1 MiB) a prompt template may have; shorten it";

    /// <summary>Why the compiler refuses a template of <paramref name="length"/> characters, or <see langword="null"/> when it takes it in.</summary>
    /// <param name="length">The text's length, or <see langword="null"/> when it could not be read.</param>
    /// <remarks>A length rather than the text, so that an oversized template is never copied into a string.</remarks>
    public static string? Refusal(int? length)
    {
        if (length is not { } characters)
        {
            return Unreadable;
        }

        return characters > MaxLength ? string.Format(CultureInfo.InvariantCulture, TooLarge, characters.ToString("N0", CultureInfo.InvariantCulture)) : null;
    }

    /// <summary>
    /// The TB0502 problem of a refused template, located at the start of the template file itself (report it with the
    /// template's path), since the file is what must change.
    /// </summary>
    /// <param name="templatePath">The <c>prompt_template</c> value, as the workflow file writes it.</param>
    /// <param name="stageKey">The stage that uses it.</param>
    /// <param name="refusal">What <see cref="Refusal"/> said.</param>
    public static WorkflowProblem Problem(string templatePath, string stageKey, string refusal) =>
        new(RuleIds.PromptTemplateUnusable, SourceSpan.FileStart, new[] { templatePath, stageKey, refusal }.ToEquatableArray());
}
