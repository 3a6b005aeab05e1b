using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using TeamBot.Workflow.Model;

namespace TeamBot.LanguageServer.Features;

/// <summary>What a stage is, in a line (completion detail) or a paragraph (hover).</summary>
internal static class StageHover
{
    public static string Summary(StageDefinition stage)
    {
        var parts = new List<string>();
        if (stage.IsReviewStage)
        {
            parts.Add("review stage");
        }

        if (stage.WorkAgent is { } work)
        {
            parts.Add("work: " + work.Value);
        }

        if (stage.ParallelAgents.Count > 0)
        {
            parts.Add("agents: " + string.Join(", ", stage.ParallelAgents.Select(agent => agent.Value)));
        }

        if (stage.ReviewAgent is { } review)
        {
            parts.Add("review: " + review.Value);
        }

        return string.Join(" · ", parts);
    }

    public static string Describe(WorkflowDocument workflow, string key)
    {
        StageDefinition? stage = workflow.Stages.FirstOrDefault(candidate => candidate.Key.Value == key);
        if (stage is null)
        {
            return $"**{Code(key)}**: no stage has this key.";
        }

        var text = new StringBuilder();
        text.Append("**").Append(Code(key)).Append("**");
        if (stage.Name is { } name && name != key)
        {
            text.Append(" (").Append(name).Append(')');
        }

        text.AppendLine().AppendLine();
        if (Summary(stage) is { Length: > 0 } summary)
        {
            text.AppendLine(summary).AppendLine();
        }

        if (workflow.ParallelGroups.FirstOrDefault(group => group.Stages.Any(member => member.Value == key)) is { } inGroup)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"In parallel group {Code(inGroup.Name.Value)}.").AppendLine();
        }

        foreach (ReviewMappingDefinition mapping in workflow.ReviewMappings)
        {
            if (mapping.WorkStage.Value == key)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"Reviewed in {Code(mapping.ReviewStage.Value)}.").AppendLine();
            }

            if (mapping.ReviewStage.Value == key)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"Reviews {Code(mapping.WorkStage.Value)}.").AppendLine();
            }
        }

        if (stage.Description is { Length: > 0 } description)
        {
            text.AppendLine(description);
        }

        return text.ToString().TrimEnd();
    }

    private static string Code(string value) => "`" + value.Replace("`", "'") + "`";
}
