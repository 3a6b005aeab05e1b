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
    private static readonly Dictionary<(FieldScope, string), string> Descriptions = [];

    private static readonly HashSet<string> BooleanFields = new(StringComparer.Ordinal);

#pragma warning disable CA1810 // Both tables come from one read of the schema.
    static FieldDocs() => Load();
#pragma warning restore CA1810

    public static IReadOnlyList<string> Fields(FieldScope scope) => scope switch
    {
        FieldScope.Workflow => WorkflowSchema.TopLevelFields,
        FieldScope.Stage => WorkflowSchema.StageFields,
        FieldScope.Permissions => WorkflowSchema.PermissionFields,
        FieldScope.Budget => WorkflowSchema.BudgetFields,
        _ => WorkflowSchema.GroupFields,
    };

    public static string? Describe(FieldScope scope, string field) =>
        Descriptions.TryGetValue((scope, field), out string? description) ? description : null;

    /// <summary>Whether a stage field takes true or false, as its schema type says.</summary>
    public static bool IsBoolean(string field) => BooleanFields.Contains(field);

    private static void Load()
    {
        using Stream? stream = typeof(FieldDocs).Assembly.GetManifestResourceStream("stages.schema.json");
        if (stream is null)
        {
            return;
        }

        using JsonDocument schema = JsonDocument.Parse(stream);
        JsonElement root = schema.RootElement;
        JsonElement definitions = root.GetProperty("$defs");
        JsonElement stage = definitions.GetProperty("stage").GetProperty("properties");
        Add(FieldScope.Workflow, root.GetProperty("properties"));
        Add(FieldScope.Stage, stage);
        Add(FieldScope.Permissions, stage.GetProperty("permissions").GetProperty("properties"));
        Add(FieldScope.Group, definitions.GetProperty("parallelGroup").GetProperty("properties"));
        Add(FieldScope.Budget, root.GetProperty("properties").GetProperty(WorkflowSchema.Budget).GetProperty("properties"));
        foreach (JsonProperty property in stage.EnumerateObject())
        {
            if (property.Value.TryGetProperty("type", out JsonElement type) && type.ValueKind == JsonValueKind.String && type.GetString() == "boolean")
            {
                BooleanFields.Add(property.Name);
            }
        }
    }

    private static void Add(FieldScope scope, JsonElement properties)
    {
        foreach (JsonProperty property in properties.EnumerateObject())
        {
            if (property.Value.TryGetProperty("description", out JsonElement description) && description.GetString() is { } text)
            {
                Descriptions[(scope, property.Name)] = text;
            }
        }
    }
}
