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
        Assert.Equal("add-csv-export", objective.FeatureName);
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

    [Theory]
    [InlineData("Add the export of reports", "x.md", "add-export-reports")]
    [InlineData(null, "docs/sdd-objective-shared-context.md", "shared-context")]
    [InlineData(null, "objective-notification-ux-improvements.md", "notification-ux-improvements")]
    public void Feature_names_come_from_the_title_else_the_file_name(string? title, string path, string feature) =>
        Assert.Equal(feature, ObjectiveParser.FeatureName(title, path));

    [Fact]
    public void A_missing_or_malformed_file_is_an_error_with_its_path()
    {
        var missing = Assert.Throws<ObjectiveException>(() => ObjectiveParser.Load("/no/such/objective.md"));
        Assert.Contains("/no/such/objective.md", missing.Message, System.StringComparison.Ordinal);

        var malformed = Assert.Throws<ObjectiveException>(() => ObjectiveParser.Parse("just some text\nwithout headings", "notes.md"));
        Assert.Contains("'notes.md' has no '# Objective: <title>' heading", malformed.Message, System.StringComparison.Ordinal);
    }
}
