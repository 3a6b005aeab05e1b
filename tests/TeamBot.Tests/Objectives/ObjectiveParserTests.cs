using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using TeamBot.Objectives;
using TeamBot.Tests.Support;

namespace TeamBot.Tests.Objectives;

public sealed class ObjectiveParserTests
{
    // FeatureNames.MaxBytes, which is internal: changing it renames long-titled runs' folders, so it is pinned here.
    private const int FeatureNameCap = 100;

    [Fact]
    public void The_objective_title_style_gives_goals_criteria_constraints_and_context()
    {
        Objective objective = ObjectiveParser.Load(Path.Combine(TestSupport.RepoRoot, "examples", "objectives", "add-export.md"));

        Assert.Equal("Add CSV export", objective.Title);
        Assert.Equal("csv-export", objective.FeatureName);
        Assert.Equal(["Let users export any report to a CSV file.", "Keep the export fast for reports of up to 100,000 rows."], objective.Goals.AsEnumerable());
        Assert.Equal(3, objective.SuccessCriteria.Length);
        Assert.Equal("Exporting an empty report gives a CSV with only the header row.", objective.SuccessCriteria[2]);
        Assert.Equal(2, objective.Constraints.Length);
        Assert.StartsWith("Finance asks", objective.Context, System.StringComparison.Ordinal);
    }

    [Fact]
    public void The_objective_section_style_gives_the_goal_problem_criteria_and_contexts()
    {
        Objective objective = ObjectiveParser.Load(Path.Combine(TestSupport.RepoRoot, "examples", "objectives", "sdd-objective-notification-digest.md"));

        Assert.Equal("notification-digest", objective.FeatureName);
        Assert.Equal(["Send each user one daily digest instead of a notification per event."], objective.Goals.AsEnumerable());
        Assert.Equal(3, objective.SuccessCriteria.Length);
        Assert.Contains("Users get dozens", objective.Context, System.StringComparison.Ordinal);
        Assert.Contains("`Notifier` service", objective.Context, System.StringComparison.Ordinal);
        Assert.Contains("40% of users", objective.Context, System.StringComparison.Ordinal);
    }

    /// <summary>
    /// The Python TeamBot's own objectives (their headings and file names), with the folder names it derived for them:
    /// a run it started is found again under the same name.
    /// </summary>
    [Theory]
    [InlineData("## Objective\n\n**Goal**: When a user types plain text without an agent directive, route it.", "objective-default-agent-switching.md", "default-agent-switching")]
    [InlineData("## Objective\n\n**Goal**: Make the text input multi-line.", "objective-enhanced-text-input.md", "enhanced-text-input")]
    [InlineData("## Objective\n\n**Goal**: Fix the validator.", "objective-fix-runtime-validator-and-agent-validation.md", "runtime-validator-agent")]
    [InlineData("## Objective\n\n**Goal**: Refuse unknown agents.", "objective-fix-unknown-agent-validation.md", "unknown-agent-validation")]
    [InlineData("## Objective\n\n**Goal**: Let users select a model.", "objective-model-select.md", "model-select")]
    [InlineData("# Simple notification at end of pipeline\n\n## Goals\n1. Notify.", "objective-notify-agent.md", "simple-notification-end")]
    [InlineData("# Remove Overlay Feature\n\n## Goals\n1. Remove it.", "objective-remove-overlay.md", "remove-overlay")]
    [InlineData("## Objective\n\n**Goal**: Move to the new SDK.", "objective-update-copilot-sdk.md", "copilot-sdk")]
    [InlineData("# TeamBot Objective: Simplify README.md\n\n## Goals\n1. Restructure it.", "readme-simplify.md", "teambot-objective-simplify")]
    [InlineData("## Objective\n\n**Goal**: I would like to enhance the teambot solution.", "sdd-objective-shared-context.md", "shared-context")]
    [InlineData("# Objective: Add CSV export\n\n## Goals\n1. Export.", "add-export.md", "csv-export")]
    [InlineData("# Objective: Add the export of reports\n\n## Goals\n1. Export.", "x.md", "export-reports")]
    [InlineData("# Objective: Add a new feature\n\n## Goals\n1. Export.", "x.md", "add-a")]
    [InlineData("## Objective\n\n**Goal**: Export the monthly reports as CSV files.", "objective.md", "export-monthly-reports")]
    [InlineData("## Objective\n\n**Goal**: Do it.", "objective.md", "do-it")]
    [InlineData("## Objective\n\n**Goal**: Go.", "objective.md", "feature")]
    public void Feature_names_are_derived_as_the_python_tool_derives_them(string text, string path, string feature) =>
        Assert.Equal(feature, ObjectiveParser.Parse(text, path).FeatureName);

    /// <summary>
    /// A 300-character title word once gave a folder name of over 255 bytes, which no common file system holds: the run
    /// ended in an unhandled PathTooLongException.
    /// </summary>
    [Fact]
    public void A_title_word_too_long_for_a_folder_name_gives_a_capped_name_the_file_system_accepts()
    {
        string name = ObjectiveParser.Parse($"# Objective: Add {new string('x', 300)} export\n\n## Goals\n1. Export.", "x.md").FeatureName;

        Assert.InRange(Encoding.UTF8.GetByteCount(name), 1, FeatureNameCap);
        string runs = Path.Combine(Path.GetTempPath(), "teambot-names-" + Guid.NewGuid().ToString("N"));
        try
        {
            Assert.True(Directory.CreateDirectory(Path.Combine(runs, name)).Exists);
        }
        finally
        {
            Directory.Delete(runs, recursive: true);
        }
    }

    /// <summary>
    /// A capped name keeps its start and ends in a hash of the whole name: the same title always finds its run again,
    /// and titles that share a long start still get folders of their own.
    /// </summary>
    [Fact]
    public void A_capped_name_is_stable_and_tells_titles_with_a_shared_start_apart()
    {
        string word = new('x', 300);
        string one = ObjectiveParser.FeatureName($"{word} export", "x.md");
        string other = ObjectiveParser.FeatureName($"{word} import", "x.md");

        Assert.Equal(new string('x', 91) + "-20f27a77", one);
        Assert.Equal(one, ObjectiveParser.FeatureName($"{word} export", "other.md"));
        Assert.NotEqual(one, other);
        Assert.All(new[] { one, other }, name => Assert.Equal(FeatureNameCap, Encoding.UTF8.GetByteCount(name)));
    }

    /// <summary>Names up to the cap are the Python tool's exactly; one byte more and the name is capped.</summary>
    [Fact]
    public void Names_up_to_the_cap_are_unchanged_and_longer_ones_are_capped()
    {
        string atCap = $"{new string('a', 40)}-{new string('b', 40)}-{new string('c', 18)}";
        string overCap = atCap + "c";

        Assert.Equal(FeatureNameCap, atCap.Length);
        Assert.Equal(atCap, ObjectiveParser.FeatureName(atCap.Replace('-', ' '), "x.md"));
        string capped = ObjectiveParser.FeatureName(overCap.Replace('-', ' '), "x.md");
        Assert.NotEqual(overCap, capped);
        Assert.StartsWith(overCap[..80], capped, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(capped) <= FeatureNameCap, capped);
    }

    /// <summary>The file name and the first goal, which name the folder when the title does not, are capped as well.</summary>
    [Theory]
    [InlineData(null, "objective-{0}.md", "qqqq")]
    [InlineData("## Objective\n\n**Goal**: Export {0} now.", "objective.md", "export-qqqq")]
    public void Names_from_the_file_name_or_the_goal_are_capped_too(string? text, string file, string start)
    {
        string word = new('q', 400);
        string path = string.Format(CultureInfo.InvariantCulture, file, word);
        string name = text is null ? ObjectiveParser.FeatureName(null, path) : ObjectiveParser.Parse(string.Format(CultureInfo.InvariantCulture, text, word), path).FeatureName;

        Assert.StartsWith(start, name, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(name) <= FeatureNameCap, name);
    }

    [Fact]
    public void A_missing_or_malformed_file_is_an_error_with_its_path()
    {
        var missing = Assert.Throws<ObjectiveException>(() => ObjectiveParser.Load("/no/such/objective.md"));
        Assert.Contains("/no/such/objective.md", missing.Message, System.StringComparison.Ordinal);

        var malformed = Assert.Throws<ObjectiveException>(() => ObjectiveParser.Parse("just some text\nwithout headings", "notes.md"));
        Assert.Contains("'notes.md' has no '# Objective: <title>' heading", malformed.Message, System.StringComparison.Ordinal);
    }

    /// <summary>
    /// An objective with no title once ran to completion with an empty one: a goals list with no heading, or a heading
    /// with nothing after it to the end of the file, is refused with the file and the line that should hold the title.
    /// </summary>
    [Theory]
    [InlineData("## Goals\n- Export orders as CSV\n", "The objective file 'untitled.md' has no title: line 1 should be '# Objective: <title>'.")]
    [InlineData("## Goals\n- Export orders as CSV\n\n# Objective:   ", "The objective file 'untitled.md' has an empty title on line 4: write it as '# Objective: <title>'.")]
    [InlineData("## Goals\n- Export orders as CSV\n#  \n", "The objective file 'untitled.md' has an empty title on line 3: write it as '# Objective: <title>'.")]
    [InlineData("# Intro\n## Goals\n- Export orders as CSV\n# Objective: \t", "The objective file 'untitled.md' has an empty title on line 4: write it as '# Objective: <title>'.")]
    public void An_objective_without_a_title_is_refused_naming_the_file_and_the_line(string text, string message)
    {
        var refused = Assert.Throws<ObjectiveException>(() => ObjectiveParser.Parse(text, "untitled.md"));

        Assert.Equal(message, refused.Message);
    }

    /// <summary>Files that do have a title keep the Python TeamBot's reading of it, the goal included where there is no heading.</summary>
    [Theory]
    [InlineData("## Objective\n**Goal**: Send a weekly digest\n", "Send a weekly digest")]
    [InlineData("# Export orders\n## Goals\n- CSV\n", "Export orders")]
    [InlineData("# Objective:\n## Goals\n1. The title is the next line.", "## Goals")]
    public void An_objective_with_a_title_keeps_it(string text, string title)
    {
        Assert.Equal(title, ObjectiveParser.Parse(text, "titled.md").Title);
    }
}
