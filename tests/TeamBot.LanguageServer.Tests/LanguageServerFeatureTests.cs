using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace TeamBot.LanguageServer.Tests;

/// <summary>Each feature of the server on the repo's stages.yaml, in process.</summary>
public sealed class LanguageServerFeatureTests
{
    private const string Uri = "file:///work/project/stages.yaml";

    [Fact]
    public async Task Field_names_are_completed_by_where_the_cursor_is_with_their_schema_docs()
    {
        await using InProcessServer server = await OpenAsync(Lsp.RepoStages);
        string text = Lsp.RepoStages;

        JsonArray stageFields = await CompleteAsync(server, Lsp.PositionOf(text, "    work_agent: pm", 4));
        Assert.Contains(stageFields, item => (string)item!["label"]! == "max_iterations" && ((string)item["documentation"]!["value"]!).Contains("review", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("work_agent", (string)stageFields.First(item => (string)item!["label"]! == "work_agent")!["insertText"]!); // The colon is there.

        JsonArray groupFields = await CompleteAsync(server, Lsp.PositionOf(text, "    after: SPEC_REVIEW", 4));
        Assert.Equal(["after", "stages", "before", "max_concurrency"], groupFields.Select(item => (string)item!["label"]!));

        JsonArray sections = await CompleteAsync(server, Lsp.PositionOf(text, "stage_order:"));
        Assert.Equal(["stages", "stage_order", "parallel_groups", "work_to_review_mapping", "migrations", "budget"], sections.Select(item => (string)item!["label"]!));
        Assert.Contains("teambot workflow ship", (string)sections.First(item => (string)item!["label"]! == "migrations")!["documentation"]!["value"]!, StringComparison.Ordinal);
        Assert.Contains("worst case", (string)sections.First(item => (string)item!["label"]! == "budget")!["documentation"]!["value"]!, StringComparison.Ordinal);
        Assert.Contains(stageFields, item => (string)item!["label"]! == "max_tokens_per_call" && ((string)item["documentation"]!["value"]!).Contains("worst-case tokens", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_field_typed_on_a_new_line_is_completed_with_its_colon_and_nothing_is_offered_in_a_comment()
    {
        string text = Lsp.RepoStages.Replace("  PLAN:\n", "  PLAN:\n    ti\n    # wor\n", StringComparison.Ordinal);
        await using InProcessServer server = await InProcessServer.StartAsync();
        await server.Client.NotifyAsync("textDocument/didOpen", Lsp.Open(Uri, text));
        await server.Client.NextNotificationAsync("textDocument/publishDiagnostics");

        JsonArray fields = await CompleteAsync(server, Lsp.PositionOf(text, "    ti\n", 6));
        Assert.Equal("timeout: ", (string)fields.First(item => (string)item!["label"]! == "timeout")!["insertText"]!);
        Assert.Empty(await CompleteAsync(server, Lsp.PositionOf(text, "    # wor\n", 9)));
    }

    [Fact]
    public async Task Rename_refuses_a_name_the_build_would_reject_and_says_why()
    {
        await using InProcessServer server = await OpenAsync(Lsp.RepoStages);
        foreach ((string name, string reason) in new[] { ("PLAN", "already exists"), ("plan", "would both become the C# name 'Plan'"), ("---", "no letter or digit") })
        {
            JsonObject answer = await server.Client.RequestRawAsync("textDocument/rename", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = Uri },
                ["position"] = Lsp.PositionOf(Lsp.RepoStages, "  SPEC_REVIEW:", 4),
                ["newName"] = name,
            });
            Assert.Equal(-32803, (int)answer["error"]!["code"]!);
            Assert.Contains(reason, (string)answer["error"]!["message"]!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Values_are_completed_with_the_stages_agents_booleans_and_tools_the_place_takes()
    {
        await using InProcessServer server = await OpenAsync(Lsp.RepoStages);
        string text = Lsp.RepoStages;

        JsonArray agents = await CompleteAsync(server, Lsp.PositionOf(text, "work_agent: pm", "work_agent: ".Length));
        Assert.Equal(["ba", "builder-1", "builder-2", "pm", "reviewer", "writer"], agents.Select(item => (string)item!["label"]!).Order(StringComparer.Ordinal));

        JsonArray booleans = await CompleteAsync(server, Lsp.PositionOf(text, "is_review_stage: true", "is_review_stage: ".Length));
        Assert.Equal(["true", "false"], booleans.Select(item => (string)item!["label"]!));

        JsonArray trigger = await CompleteAsync(server, Lsp.PositionOf(text, "after: SPEC_REVIEW", "after: ".Length));
        Assert.Equal("SETUP", (string)trigger[0]!["label"]!); // In stage_order's order.
        Assert.Equal(14, trigger.Count);

        JsonArray order = await CompleteAsync(server, Lsp.PositionOf(text, "  - SETUP", 4));
        Assert.Equal(14, order.Count);

        JsonArray reviews = await CompleteAsync(server, Lsp.PositionOf(text, "  SPEC: SPEC_REVIEW", "  SPEC: ".Length));
        Assert.All(reviews, item => Assert.EndsWith("_REVIEW", (string)item!["label"]!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Completion_still_knows_the_stages_while_the_line_being_typed_breaks_the_yaml()
    {
        string text = Lsp.RepoStages.Replace("    before: PLAN\n", "    before: PLAN\n    stages: [RESEARCH, \n", StringComparison.Ordinal);
        await using InProcessServer server = await OpenAsync(Lsp.RepoStages);
        await server.Client.NotifyAsync("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = Uri, ["version"] = 2 },
            ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = text }),
        });
        JsonNode published = await server.Client.NextNotificationAsync("textDocument/publishDiagnostics");
        Assert.Contains(published["diagnostics"]!.AsArray(), d => (string)d!["code"]! is "TB0001" or "TB0002");

        JsonArray items = await CompleteAsync(server, Lsp.PositionOf(text, "stages: [RESEARCH, \n", "stages: [RESEARCH, ".Length));
        Assert.Contains(items, item => (string)item!["label"]! == "TEST_STRATEGY");
    }

    [Fact]
    public async Task Stage_keys_are_completed_on_a_later_line_of_a_flow_list_spread_over_lines()
    {
        string block = "stage_order:\n  - SETUP\n  - BUSINESS_PROBLEM\n  - SPEC\n";
        string text = Lsp.RepoStages.Replace(block, "stage_order: [SETUP, # the start\n  BUSINESS_PROBLEM, [\"x\", \"]\"],\n  SPEC,\n", StringComparison.Ordinal);
        Assert.NotEqual(Lsp.RepoStages, text);
        await using InProcessServer server = await InProcessServer.StartAsync();
        await server.Client.NotifyAsync("textDocument/didOpen", Lsp.Open(Uri, Lsp.RepoStages));
        await server.Client.NextNotificationAsync("textDocument/publishDiagnostics");
        await server.Client.NotifyAsync("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = Uri, ["version"] = 2 },
            ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = text }),
        });
        await server.Client.NextNotificationAsync("textDocument/publishDiagnostics");

        JsonArray items = await CompleteAsync(server, Lsp.PositionOf(text, "  SPEC,\n", 2));
        Assert.Equal(14, items.Count);
        Assert.Equal("SETUP", (string)items[0]!["label"]!);
    }

    [Fact]
    public async Task Hover_tells_what_a_field_means_and_what_a_stage_is()
    {
        await using InProcessServer server = await OpenAsync(Lsp.RepoStages);
        string text = Lsp.RepoStages;

        JsonNode? field = await server.Client.RequestAsync("textDocument/hover", Lsp.AtPosition(Uri, Lsp.PositionOf(text, "max_concurrency:", 3)));
        Assert.StartsWith("**max_concurrency**", (string)field!["contents"]!["value"]!, StringComparison.Ordinal);

        JsonNode? stage = await server.Client.RequestAsync("textDocument/hover", Lsp.AtPosition(Uri, Lsp.PositionOf(text, "after: SPEC_REVIEW", "after: ".Length + 2)));
        string markdown = (string)stage!["contents"]!["value"]!;
        Assert.StartsWith("**`SPEC_REVIEW`**", markdown, StringComparison.Ordinal);
        Assert.Contains("review: reviewer", markdown, StringComparison.Ordinal);
        Assert.Contains("Reviews `SPEC`", markdown, StringComparison.Ordinal);
        Assert.Equal(Lsp.RangeOf(text, "SPEC_REVIEW", occurrence: CountBefore(text, "SPEC_REVIEW", "after: SPEC_REVIEW")).ToJsonString(), stage["range"]!.ToJsonString());

        JsonNode? member = await server.Client.RequestAsync("textDocument/hover", Lsp.AtPosition(Uri, Lsp.PositionOf(text, "[RESEARCH, TEST_STRATEGY]", 2)));
        Assert.Contains("In parallel group `post_spec_review`", (string)member!["contents"]!["value"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Definition_and_references_of_a_stage_key_cover_every_place_it_is_written()
    {
        await using InProcessServer server = await OpenAsync(Lsp.RepoStages);
        string text = Lsp.RepoStages;
        JsonObject reference = Lsp.PositionOf(text, "[RESEARCH, TEST_STRATEGY]", 2);

        JsonNode definition = Assert.Single((await server.Client.RequestAsync("textDocument/definition", Lsp.AtPosition(Uri, reference)))!.AsArray())!;
        Assert.Equal(Lsp.RangeOf(text, "RESEARCH:").ToJsonString().Replace("\"character\":11", "\"character\":10", StringComparison.Ordinal), definition["range"]!.ToJsonString());

        JsonObject request = Lsp.AtPosition(Uri, (JsonObject)reference.DeepClone());
        request["context"] = new JsonObject { ["includeDeclaration"] = true };
        JsonArray all = (await server.Client.RequestAsync("textDocument/references", request))!.AsArray();
        Assert.Equal(System.Text.RegularExpressions.Regex.Count(text, @"(?<![A-Z_])RESEARCH(?![A-Z_])"), all.Count);

        request["context"] = new JsonObject { ["includeDeclaration"] = false };
        Assert.Equal(all.Count - 1, (await server.Client.RequestAsync("textDocument/references", request))!.AsArray().Count);
    }

    [Fact]
    public async Task Rename_is_offered_on_stage_keys_only()
    {
        await using InProcessServer server = await OpenAsync(Lsp.RepoStages);
        string text = Lsp.RepoStages;
        JsonNode? onStage = await server.Client.RequestAsync("textDocument/prepareRename", Lsp.AtPosition(Uri, Lsp.PositionOf(text, "- IMPLEMENTATION\n", 3)));
        Assert.Equal("IMPLEMENTATION", (string)onStage!["placeholder"]!);
        Assert.Null(await server.Client.RequestAsync("textDocument/prepareRename", Lsp.AtPosition(Uri, Lsp.PositionOf(text, "work_agent: pm", 2))));
    }

    [Fact]
    public async Task The_outline_lists_sections_stages_groups_and_review_pairs()
    {
        await using InProcessServer server = await OpenAsync(Lsp.RepoStages);
        JsonArray symbols = (await server.Client.RequestAsync("textDocument/documentSymbol", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = Uri } }))!.AsArray();
        Assert.Equal(["stages", "stage_order", "parallel_groups", "work_to_review_mapping"], symbols.Select(symbol => (string)symbol!["name"]!));
        Assert.Equal(14, symbols[0]!["children"]!.AsArray().Count);
        JsonNode group = Assert.Single(symbols[2]!["children"]!.AsArray())!;
        Assert.Equal("post_spec_review", (string)group["name"]!);
        Assert.Equal(["RESEARCH", "TEST_STRATEGY"], group["children"]!.AsArray().Select(member => (string)member!["name"]!));
    }

    [Fact]
    public async Task A_misspelt_field_is_an_error_whose_quick_fix_corrects_it()
    {
        string text = Lsp.RepoStages.Replace("    max_concurrency: 2", "    max_concurency: 2", StringComparison.Ordinal);
        Assert.NotEqual(Lsp.RepoStages, text);
        await using InProcessServer server = await InProcessServer.StartAsync();
        await server.Client.NotifyAsync("textDocument/didOpen", Lsp.Open(Uri, text));
        JsonNode diagnostic = Assert.Single((await server.Client.NextNotificationAsync("textDocument/publishDiagnostics"))["diagnostics"]!.AsArray())!;
        Assert.Equal("TB0013", (string)diagnostic["code"]!);

        JsonArray actions = (await server.Client.RequestAsync("textDocument/codeAction", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = Uri },
            ["range"] = diagnostic["range"]!.DeepClone(),
        }))!.AsArray();
        JsonNode action = Assert.Single(actions)!;
        Assert.Equal("Change to 'max_concurrency'", (string)action["title"]!);
        Assert.Equal(Lsp.RepoStages, Lsp.ApplyEdits(text, action["edit"]!["changes"]![Uri]!.AsArray()));
    }

    [Fact]
    public async Task Budget_fields_and_policies_are_completed_with_their_schema_docs()
    {
        string text = Lsp.RepoStages + "budget:\n  time: \"3.00:00:00\"\n  policy: warn\n";
        await using InProcessServer server = await OpenAsync(text);

        JsonArray fields = await CompleteAsync(server, Lsp.PositionOf(text, "  time: \"3.00:00:00\"", 2));
        Assert.Equal(["tokens", "cost", "time", "policy", "prices"], fields.Select(item => (string)item!["label"]!));
        Assert.Contains("highest declared price", (string)fields.First(item => (string)item!["label"]! == "cost")!["documentation"]!["value"]!, StringComparison.Ordinal);

        JsonArray policies = await CompleteAsync(server, Lsp.PositionOf(text, "  policy: warn", 10));
        Assert.Equal(["warn", "strict"], policies.Select(item => (string)item!["label"]!));
    }

    [Fact]
    public async Task A_time_budget_below_the_critical_path_is_a_warning_and_an_error_under_the_strict_policy()
    {
        foreach ((string policy, int severity) in new[] { ("warn", 2), ("strict", 1) })
        {
            string text = Lsp.RepoStages + $"budget:\n  time: \"2.02:00:00\"\n  policy: {policy}\n";
            await using InProcessServer server = await InProcessServer.StartAsync();
            await server.Client.NotifyAsync("textDocument/didOpen", Lsp.Open(Uri, text));
            JsonNode diagnostic = Assert.Single((await server.Client.NextNotificationAsync("textDocument/publishDiagnostics"))["diagnostics"]!.AsArray())!;
            Assert.Equal("TB0803", (string)diagnostic["code"]!);
            Assert.Equal(severity, (int)diagnostic["severity"]!);
            Assert.Equal(Lsp.RangeOf(text, "\"2.02:00:00\"").ToJsonString(), diagnostic["range"]!.ToJsonString());
        }
    }

    [Fact]
    public async Task Files_that_are_not_workflows_are_left_alone_and_closing_clears_the_diagnostics()
    {
        await using InProcessServer server = await InProcessServer.StartAsync();
        await server.Client.NotifyAsync("textDocument/didOpen", Lsp.Open("file:///work/project/docker-compose.yaml", "services: {}\n"));
        await server.Client.NotifyAsync("textDocument/didOpen", Lsp.Open(Uri, "stages: {}\n"));
        JsonNode published = await server.Client.NextNotificationAsync("textDocument/publishDiagnostics");
        Assert.Equal(Uri, (string)published["uri"]!); // The compose file got nothing.
        Assert.Equal("TB0011", (string)published["diagnostics"]![0]!["code"]!);

        await server.Client.NotifyAsync("textDocument/didClose", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = Uri } });
        published = await server.Client.NextNotificationAsync("textDocument/publishDiagnostics");
        Assert.Empty(published["diagnostics"]!.AsArray());
        Assert.Null(await server.Client.RequestAsync("textDocument/hover", Lsp.AtPosition(Uri, Lsp.Position(0, 0))));
    }

    [Fact]
    public async Task Windows_line_endings_give_the_same_ranges()
    {
        string text = Lsp.RepoStages.Replace("\n", "\r\n", StringComparison.Ordinal).Replace("TEST_STRATEGY]", "TEST_STRATEGYY]", StringComparison.Ordinal);
        await using InProcessServer server = await InProcessServer.StartAsync();
        await server.Client.NotifyAsync("textDocument/didOpen", Lsp.Open(Uri, text));
        JsonNode diagnostic = Assert.Single((await server.Client.NextNotificationAsync("textDocument/publishDiagnostics"))["diagnostics"]!.AsArray())!;
        string unix = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Equal(Lsp.RangeOf(unix, "TEST_STRATEGYY").ToJsonString(), diagnostic["range"]!.ToJsonString());
    }

    private static async Task<InProcessServer> OpenAsync(string text)
    {
        InProcessServer server = await InProcessServer.StartAsync();
        await server.Client.NotifyAsync("textDocument/didOpen", Lsp.Open(Uri, text));
        Assert.Empty((await server.Client.NextNotificationAsync("textDocument/publishDiagnostics"))["diagnostics"]!.AsArray());
        return server;
    }

    private static async Task<JsonArray> CompleteAsync(InProcessServer server, JsonObject position) =>
        (await server.Client.RequestAsync("textDocument/completion", Lsp.AtPosition(Uri, position)))!["items"]!.AsArray();

    /// <summary>How many times <paramref name="word"/> occurs before <paramref name="anchor"/>.</summary>
    private static int CountBefore(string text, string word, string anchor)
    {
        int end = text.IndexOf(anchor, StringComparison.Ordinal);
        int count = 0;
        for (int at = text.IndexOf(word, StringComparison.Ordinal); at >= 0 && at < end; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
