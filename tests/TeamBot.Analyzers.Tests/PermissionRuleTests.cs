using System.Threading.Tasks;
using static TeamBot.Analyzers.DiagnosticDescriptors;
using static TeamBot.Analyzers.Tests.AnalyzerHarness;

namespace TeamBot.Analyzers.Tests;

/// <summary>TB07xx: what a stage lets its agents do in the workspace, checked before anything runs.</summary>
public sealed class PermissionRuleTests
{
    // The two members of the group, each given its own permissions.
    private static string Members(string research, string testStrategy) => Workflows
        .With("    artifacts: [research.md]\n", "    artifacts: [research.md]\n    permissions:\n" + research)
        .Replace("    artifacts: [test_strategy.md]\n", "    artifacts: [test_strategy.md]\n    permissions:\n" + testStrategy, System.StringComparison.Ordinal);

    [Fact]
    public async Task Members_writing_disjoint_paths_with_the_tools_they_need_are_valid()
    {
        string yaml = Members(
            "      tools: [read_file, write_file, \"mcp:docs\", \"mcp:issues/search\"]\n      write: [\"docs/research/**\", \"src/*.cs\"]\n",
            "      tools: [read_file, edit_file, run_command]\n      write: [\"docs/strategy/**\", \"src/*.md\"]\n      commands: [dotnet]\n");
        await VerifyAsync(yaml);
    }

    [Fact]
    public async Task TB0701_unknown_tool_names_the_near_one()
    {
        string yaml = Members("      tools: [read_file, writ_file]\n      write: [docs/**]\n", "      tools: [read_file]\n");
        await VerifyAsync(
            yaml,
            At(UnknownTool, yaml, "writ_file").WithMessage("Stage 'RESEARCH' permits tool 'writ_file', which is neither a workspace tool nor an MCP server's ('mcp:<server>' or 'mcp:<server>/<tool>'). Did you mean 'write_file'?"),
            At(WriteToolsAndPathsMismatch, yaml, "permissions", within: "permissions:\n      tools: [read_file, writ_file]").WithArguments("RESEARCH", "gives write paths but permits neither write_file nor edit_file; add one to its tools, or remove 'write'"));
    }

    [Fact]
    public async Task TB0701_a_malformed_mcp_tool()
    {
        string yaml = Members("      tools: [\"mcp:docs/search/all\", \"mcp:\"]\n", "      tools: [read_file]\n");
        await VerifyAsync(
            yaml,
            At(UnknownTool, yaml, "\"mcp:docs/search/all\"").WithArguments("RESEARCH", "mcp:docs/search/all", " The tools are: list_files, read_file, search_files, show_diff, write_file, edit_file, run_command."),
            At(UnknownTool, yaml, "\"mcp:\"").WithArguments("RESEARCH", "mcp:", " The tools are: list_files, read_file, search_files, show_diff, write_file, edit_file, run_command."));
    }

    [Fact]
    public async Task TB0702_a_review_agent_given_write_paths()
    {
        string yaml = Workflows.With("    review_agent: reviewer\n", "    review_agent: reviewer\n    permissions:\n      tools: [edit_file]\n      write:\n        ba: [docs/spec.md]\n        reviewer: [docs/spec.md]\n");
        await VerifyAsync(yaml, At(ReviewerMayWrite, yaml, "reviewer", within: "reviewer: [docs/spec.md]").WithMessage("Agent 'reviewer' reviews stage 'SPEC_REVIEW' and is given write paths; a reviewer only reads, so remove it from 'write'"));
    }

    [Fact]
    public async Task TB0703_group_members_that_may_write_the_same_files()
    {
        string yaml = Members("      tools: [write_file]\n      write: [\"src/**\"]\n", "      tools: [write_file]\n      write: [\"docs/**\", \"**/*.cs\"]\n");
        await VerifyAsync(yaml, At(OverlappingWrites, yaml, "\"**/*.cs\"").WithMessage("stage 'RESEARCH' and stage 'TEST_STRATEGY' run at the same time and may both write files matching 'src/**' and '**/*.cs'; give them write paths that do not overlap"));
    }

    [Fact]
    public async Task TB0703_sees_through_spelling_a_dot_segment_a_backslash_or_case()
    {
        string yaml = Members("      tools: [write_file]\n      write: [\"./docs/**\"]\n", "      tools: [write_file]\n      write: [\"Docs\\\\notes.md\"]\n");
        await VerifyAsync(yaml, At(OverlappingWrites, yaml, "\"Docs\\\\notes.md\"").WithArguments("stage 'RESEARCH'", "stage 'TEST_STRATEGY'", "./docs/**", "Docs\\notes.md"));
    }

    [Fact]
    public async Task TB0703_parallel_agents_of_one_stage_that_may_write_the_same_files()
    {
        string yaml = Workflows.With("  PLAN:\n    work_agent: pm\n", "  PLAN:\n    work_agent: pm\n    parallel_agents: [pm, writer]\n    permissions:\n      tools: [write_file]\n      write:\n        pm: [plan/tasks.md]\n        writer: [\"plan/*.md\"]\n");
        await VerifyAsync(yaml, At(OverlappingWrites, yaml, "\"plan/*.md\"").WithArguments("agent 'pm' of stage 'PLAN'", "agent 'writer' of stage 'PLAN'", "plan/tasks.md", "plan/*.md"));
    }

    [Fact]
    public async Task TB0703_parallel_agents_sharing_the_stage_s_write_paths()
    {
        string yaml = Workflows.With("  PLAN:\n    work_agent: pm\n", "  PLAN:\n    work_agent: pm\n    parallel_agents: [pm, writer]\n    permissions:\n      tools: [write_file]\n      write: [plan/**]\n");
        await VerifyAsync(yaml, At(OverlappingWrites, yaml, "plan/**").WithArguments("agent 'pm' of stage 'PLAN'", "agent 'writer' of stage 'PLAN'", "plan/**", "plan/**"));
    }

    [Fact]
    public async Task TB0704_commands_without_the_run_tool()
    {
        string yaml = Members("      tools: [read_file]\n      commands: [dotnet, git]\n", "      tools: [read_file]\n");
        await VerifyAsync(yaml, At(CommandsWithoutRunTool, yaml, "dotnet").WithArguments("RESEARCH"));
    }

    [Fact]
    public async Task TB0705_a_write_tool_with_nowhere_to_write()
    {
        string yaml = Members("      tools: [read_file]\n", "      tools: [edit_file]\n");
        await VerifyAsync(yaml, At(WriteToolsAndPathsMismatch, yaml, "permissions", within: "permissions:\n      tools: [edit_file]").WithArguments("TEST_STRATEGY", "permits a write tool but gives no write paths; add 'write' with the paths its agents may change"));
    }

    [Fact]
    public async Task TB0706_write_paths_for_an_agent_not_on_the_stage()
    {
        string yaml = Members("      tools: [write_file]\n      write:\n        builder-2: [docs/**]\n", "      tools: [read_file]\n");
        await VerifyAsync(
            yaml,
            At(WriteForUnknownAgent, yaml, "builder-2", within: "builder-2: [docs/**]").WithArguments("RESEARCH", "builder-2", "builder-1"),
            At(WriteToolsAndPathsMismatch, yaml, "permissions", within: "permissions:\n      tools: [write_file]").WithArguments("RESEARCH", "permits a write tool but gives no write paths; add 'write' with the paths its agents may change"));
    }

    [Fact]
    public async Task TB0401_a_write_path_outside_the_project()
    {
        string yaml = Members("      tools: [write_file]\n      write: [\"../elsewhere/**\", src/**]\n", "      tools: [read_file]\n");
        await VerifyAsync(yaml, At(UnsafePath, yaml, "\"../elsewhere/**\"").WithArguments("Write path of stage 'RESEARCH'", "../elsewhere/**"));
    }

    [Fact]
    public async Task TB0013_a_misspelt_permissions_field()
    {
        string yaml = Members("      tools: [read_file]\n      comands: [git]\n", "      tools: [read_file]\n");
        await VerifyAsync(yaml, At(MisspeltField, yaml, "comands").WithArguments("comands", "the permissions of stage 'RESEARCH'", "commands"));
    }
}
