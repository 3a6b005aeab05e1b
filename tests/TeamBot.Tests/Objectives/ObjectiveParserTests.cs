using System.IO;
using System.Linq;
using TeamBot.Objectives;
using TeamBot.Tests.Support;

namespace TeamBot.Tests.Objectives;

public sealed class ObjectiveParserTests
{
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

    [Fact]
    public void A_missing_or_malformed_file_is_an_error_with_its_path()
    {
        var missing = Assert.Throws<ObjectiveException>(() => ObjectiveParser.Load("/no/such/objective.md"));
        Assert.Contains("/no/such/objective.md", missing.Message, System.StringComparison.Ordinal);

        var malformed = Assert.Throws<ObjectiveException>(() => ObjectiveParser.Parse("just some text\nwithout headings", "notes.md"));
        Assert.Contains("'notes.md' has no '# Objective: <title>' heading", malformed.Message, System.StringComparison.Ordinal);
    }
}
