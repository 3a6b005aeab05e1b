using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using TeamBot.Workflow.Parsing;

namespace TeamBot.LanguageServer.Features;

/// <summary>
/// The fields of each scope, in schema order, with the description the JSON Schema gives them: completion and hover
/// show the same text as plain YAML tooling does with the schema.
/// </summary>
internal static class FieldDocs
{
    private static readonly Dictionary<(FieldScope, string), string> Descriptions = Load();

    public static IReadOnlyList<string> Fields(FieldScope scope) => scope switch
    {
        FieldScope.Workflow => WorkflowSchema.TopLevelFields,
        FieldScope.Stage => WorkflowSchema.StageFields,
        FieldScope.Permissions => WorkflowSchema.PermissionFields,
        _ => WorkflowSchema.GroupFields,
    };

    public static string? Describe(FieldScope scope, string field) =>
        Descriptions.TryGetValue((scope, field), out string? description) ? description : null;

    /// <summary>Whether the field takes true or false.</summary>
    public static bool IsBoolean(string field) =>
        field is "optional" or "is_review_stage" or "is_acceptance_test_stage" or "requires_acceptance_tests_passed" or "include_objective";

    private static Dictionary<(FieldScope, string), string> Load()
    {
        var descriptions = new Dictionary<(FieldScope, string), string>();
        using Stream? stream = typeof(FieldDocs).Assembly.GetManifestResourceStream("stages.schema.json");
        if (stream is null)
        {
            return descriptions;
        }

        using JsonDocument schema = JsonDocument.Parse(stream);
        JsonElement root = schema.RootElement;
        JsonElement definitions = root.GetProperty("$defs");
        JsonElement stage = definitions.GetProperty("stage").GetProperty("properties");
        Add(descriptions, FieldScope.Workflow, root.GetProperty("properties"));
        Add(descriptions, FieldScope.Stage, stage);
        Add(descriptions, FieldScope.Permissions, stage.GetProperty("permissions").GetProperty("properties"));
        Add(descriptions, FieldScope.Group, definitions.GetProperty("parallelGroup").GetProperty("properties"));
        return descriptions;
    }

    private static void Add(Dictionary<(FieldScope, string), string> descriptions, FieldScope scope, JsonElement properties)
    {
        foreach (JsonProperty property in properties.EnumerateObject())
        {
            if (property.Value.TryGetProperty("description", out JsonElement description) && description.GetString() is { } text)
            {
                descriptions[(scope, property.Name)] = text;
            }
        }
    }
}
