using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;
using TeamBot.Workflow.Parsing;

namespace TeamBot.Workflow.Versioning;

/// <summary>
/// The shipped versions file beside a workflow (<c>stages.versions.json</c> beside <c>stages.yaml</c>): each version
/// recorded as shipped, oldest first, with the shape its runs depend on. Like PublicAPI.Shipped.txt, it is written by a
/// command and committed, and only ever grows.
/// </summary>
public static class ShippedVersionsFile
{
    /// <summary>The suffix that replaces <c>.yaml</c> in the workflow file's name.</summary>
    public const string Suffix = ".versions.json";

    /// <summary>The versions file of the workflow at <paramref name="workflowPath"/>: <c>stages.yaml</c> gives <c>stages.versions.json</c>.</summary>
    public static string PathFor(string workflowPath)
    {
        if (workflowPath is null)
        {
            throw new ArgumentNullException(nameof(workflowPath));
        }

        int dot = workflowPath.LastIndexOf('.');
        int slash = Math.Max(workflowPath.LastIndexOf('/'), workflowPath.LastIndexOf('\\'));
        return (dot > slash ? workflowPath.Substring(0, dot) : workflowPath) + Suffix;
    }

    /// <summary>Reads a versions file. JSON is read as the YAML it also is, so every error has its line and column.</summary>
    /// <returns>The versions, oldest first, and the problems found (TB0606, TB0607), located in the versions file.</returns>
    public static (EquatableArray<ShippedVersion> Versions, EquatableArray<WorkflowProblem> Problems) Parse(string text)
    {
        var problems = new List<WorkflowProblem>();
        var versions = new List<ShippedVersion>();
        try
        {
            var yamlProblems = new List<WorkflowProblem>();
            YamlTreeNode? root = YamlTreeReader.Read(text ?? "", yamlProblems);
            if (yamlProblems.Count > 0)
            {
                WorkflowProblem first = yamlProblems[0];
                problems.Add(Unreadable(first.Span, WorkflowRules.Message(first)));
            }
            else if (root is not YamlTreeMapping mapping || Field(mapping, "versions") is not YamlTreeSequence list)
            {
                problems.Add(Unreadable(root?.Span ?? SourceSpan.FileStart, "it must be an object with a 'versions' list"));
            }
            else
            {
                foreach (YamlTreeNode item in list.Items)
                {
                    if (ReadVersion(item, problems) is { } version)
                    {
                        versions.Add(version);
                    }
                }
            }
        }
#pragma warning disable CA1031 // A compiler extension must turn every failure into a diagnostic.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            problems.Add(Unreadable(SourceSpan.FileStart, $"{ex.GetType().Name}: {ex.Message}"));
        }

        return (versions.ToEquatableArray(), problems.ToEquatableArray());
    }

    /// <summary>
    /// The text of a versions file holding <paramref name="existing"/> and, when its version is not among them yet,
    /// <paramref name="shipped"/> at the end. Deterministic, so recording the same version twice changes nothing.
    /// </summary>
    public static string Write(IEnumerable<WorkflowShape> existing, WorkflowShape? shipped)
    {
        var shapes = new List<(WorkflowShape Shape, string Version)>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (WorkflowShape shape in (existing ?? []).Concat(shipped is null ? [] : [shipped]))
        {
            string version = shape.ComputeVersion();
            if (ids.Add(version))
            {
                shapes.Add((shape, version));
            }
        }

        var json = new StringBuilder();
        json.Append("{\n  \"versions\": [");
        for (int i = 0; i < shapes.Count; i++)
        {
            (WorkflowShape shape, string version) = shapes[i];
            json.Append(i == 0 ? "\n" : ",\n");
            json.Append("    {\n      \"version\": ").Append(Quote(version)).Append(",\n      \"stages\": [");
            Items(json, shape.Stages, stage =>
                $"{{ \"key\": {Quote(stage.Key)}, \"kind\": {Quote(WorkflowShape.KindName(stage.Kind))}"
                + (stage.Kind == StageKind.Work ? "" : $", \"max_iterations\": {stage.MaxIterations.ToString(CultureInfo.InvariantCulture)}") + " }");
            json.Append(",\n      \"groups\": [");
            Items(json, shape.Groups, group =>
                $"{{ \"name\": {Quote(group.Name)}, \"after\": {Quote(group.After)}, \"stages\": [{string.Join(", ", group.Members.Select(Quote))}], \"before\": {Quote(group.Before)} }}");
            json.Append(",\n      \"reviews\": [");
            Items(json, shape.Reviews, review => $"{{ \"work\": {Quote(review.Work)}, \"review\": {Quote(review.Review)} }}");
            json.Append("\n    }");
        }

        json.Append(shapes.Count == 0 ? "]\n}\n" : "\n  ]\n}\n");
        return json.ToString();
    }

    private static void Items<T>(StringBuilder json, EquatableArray<T> items, Func<T, string> write)
        where T : IEquatable<T>
    {
        for (int i = 0; i < items.Count; i++)
        {
            json.Append(i == 0 ? "\n        " : ",\n        ").Append(write(items[i]));
        }

        json.Append(items.Count == 0 ? "]" : "\n      ]");
    }

    private static ShippedVersion? ReadVersion(YamlTreeNode node, List<WorkflowProblem> problems)
    {
        if (node is not YamlTreeMapping entry || Field(entry, "version") is not YamlTreeScalar id || id.Value.Length == 0)
        {
            problems.Add(Unreadable(node.Span, "each version must be an object with a 'version' id"));
            return null;
        }

        var stages = new List<ShapeStage>();
        foreach (YamlTreeNode item in Items(Field(entry, "stages")))
        {
            string? kindName = Text(item, "kind");
            StageKind? kind = kindName switch { "work" => StageKind.Work, "review" => StageKind.Review, "acceptance_test" => StageKind.AcceptanceTest, _ => null };
            string? max = Text(item, "max_iterations");
            int iterations = 0;
            if (Text(item, "key") is not { } key || kind is null || (kind != StageKind.Work && !int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out iterations)))
            {
                problems.Add(Unreadable(item.Span, "each stage must have a 'key', a 'kind' (work, review or acceptance_test) and, for a loop, 'max_iterations'"));
                return null;
            }

            stages.Add(new ShapeStage(key, kind.Value, iterations));
        }

        var groups = new List<ShapeGroup>();
        foreach (YamlTreeNode item in Items(Field(entry, "groups")))
        {
            if (Text(item, "name") is not { } name || Text(item, "after") is not { } after || Text(item, "before") is not { } before
                || item is not YamlTreeMapping group || Field(group, "stages") is not YamlTreeSequence members
                || members.Items.Any(member => member is not YamlTreeScalar))
            {
                problems.Add(Unreadable(item.Span, "each group must have a 'name', an 'after', a 'before' and a 'stages' list"));
                return null;
            }

            groups.Add(new ShapeGroup(name, after, members.Items.Select(member => ((YamlTreeScalar)member).Value).ToEquatableArray(), before));
        }

        var reviews = new List<ShapeReview>();
        foreach (YamlTreeNode item in Items(Field(entry, "reviews")))
        {
            if (Text(item, "work") is not { } work || Text(item, "review") is not { } review)
            {
                problems.Add(Unreadable(item.Span, "each review must have a 'work' and a 'review' stage"));
                return null;
            }

            reviews.Add(new ShapeReview(work, review));
        }

        var shape = new WorkflowShape(stages.ToEquatableArray(), groups.ToEquatableArray(), reviews.ToEquatableArray());
        string computed = shape.ComputeVersion();
        if (computed != id.Value)
        {
            problems.Add(new WorkflowProblem(RuleIds.ShippedVersionEdited, id.Span, new[] { id.Value, computed }.ToEquatableArray()));
            return null;
        }

        return new ShippedVersion(id.Value, shape, id.Span);
    }

    private static List<YamlTreeNode> Items(YamlTreeNode? node) =>
        node is YamlTreeSequence sequence ? sequence.Items : [];

    private static YamlTreeNode? Field(YamlTreeMapping mapping, string name) =>
        mapping.Entries.FirstOrDefault(entry => entry.Key.Value == name).Value;

    private static string? Text(YamlTreeNode node, string name) =>
        node is YamlTreeMapping mapping && Field(mapping, name) is YamlTreeScalar { IsNull: false } scalar ? scalar.Value : null;

    private static WorkflowProblem Unreadable(SourceSpan span, string reason) =>
        new(RuleIds.ShippedVersionsUnreadable, span, new[] { reason }.ToEquatableArray());

    private static string Quote(string value)
    {
        var text = new StringBuilder("\"");
        foreach (char c in value)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                default:
                    if (c < ' ')
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }
}
