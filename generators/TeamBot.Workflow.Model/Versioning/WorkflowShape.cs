using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using TeamBot.Workflow.Model;

namespace TeamBot.Workflow.Versioning;

/// <summary>
/// What a saved run depends on in a workflow: the stage keys in order with their kinds and loop limits, the groups and
/// the review pairs. Names, prompts, agents and permissions are not in it: changing them never strands a run.
/// </summary>
/// <param name="Stages">The stages in <c>stage_order</c>.</param>
/// <param name="Groups">The parallel groups in declaration order.</param>
/// <param name="Reviews">The work-to-review pairs in declaration order.</param>
public sealed record WorkflowShape(EquatableArray<ShapeStage> Stages, EquatableArray<ShapeGroup> Groups, EquatableArray<ShapeReview> Reviews)
{
    /// <summary>The loop limit a stage without <c>max_iterations</c> gets at run time (<c>ExecutionPolicy.DefaultMaxIterations</c>).</summary>
    public const int DefaultMaxIterations = 4;

    /// <summary>The shape of a valid workflow document.</summary>
    public static WorkflowShape From(WorkflowDocument document)
    {
        if (document is null)
        {
            throw new ArgumentNullException(nameof(document));
        }

        var stagesByKey = new Dictionary<string, StageDefinition>(StringComparer.Ordinal);
        foreach (StageDefinition stage in document.Stages)
        {
            if (!stagesByKey.ContainsKey(stage.Key.Value))
            {
                stagesByKey.Add(stage.Key.Value, stage);
            }
        }

        var stages = new List<ShapeStage>();
        foreach (Located<string> key in document.StageOrder)
        {
            if (stagesByKey.TryGetValue(key.Value, out StageDefinition? stage))
            {
                StageKind kind = stage.IsReviewStage ? StageKind.Review : stage.IsAcceptanceTestStage ? StageKind.AcceptanceTest : StageKind.Work;
                stages.Add(new ShapeStage(key.Value, kind, kind == StageKind.Work ? 0 : stage.MaxIterations?.Value ?? DefaultMaxIterations));
            }
        }

        return new WorkflowShape(
            stages.ToEquatableArray(),
            document.ParallelGroups.Select(group => new ShapeGroup(group.Name.Value, group.After?.Value ?? "", group.Stages.Select(member => member.Value).ToEquatableArray(), group.Before?.Value ?? "")).ToEquatableArray(),
            document.ReviewMappings.Select(pair => new ShapeReview(pair.WorkStage.Value, pair.ReviewStage.Value)).ToEquatableArray());
    }

    /// <summary>
    /// The shape's version id: the first 12 hex digits of the SHA-256 of its canonical text. Equal shapes have equal ids
    /// on every machine, so an id recorded in a state file names the shape it was written under.
    /// </summary>
    public string ComputeVersion()
    {
        var text = new StringBuilder();
        foreach (ShapeStage stage in Stages)
        {
            text.Append("stage|").Append(Escape(stage.Key)).Append('|').Append(KindName(stage.Kind)).Append('|').Append(stage.MaxIterations).Append('\n');
        }

        foreach (ShapeGroup group in Groups)
        {
            text.Append("group|").Append(Escape(group.Name)).Append('|').Append(Escape(group.After)).Append('|')
                .Append(string.Join(",", group.Members.Select(Escape))).Append('|').Append(Escape(group.Before)).Append('\n');
        }

        foreach (ShapeReview review in Reviews)
        {
            text.Append("review|").Append(Escape(review.Work)).Append('|').Append(Escape(review.Review)).Append('\n');
        }

        using var sha = SHA256.Create();
        byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString()));
        var id = new StringBuilder(12);
        for (int i = 0; i < 6; i++)
        {
            id.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return id.ToString();
    }

    /// <summary>The name a stage kind has in the versions file and in messages.</summary>
    public static string KindName(StageKind kind) => kind switch
    {
        StageKind.Review => "review",
        StageKind.AcceptanceTest => "acceptance_test",
        _ => "work",
    };

    // Keys may hold any character a YAML key can; escaping the separators keeps two shapes from sharing a text.
    private static string Escape(string value) =>
        value.Replace("\\", "\\\\").Replace("|", "\\|").Replace(",", "\\,").Replace("\n", "\\n").Replace("\r", "\\r");
}
