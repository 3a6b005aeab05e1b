using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using TeamBot.Agents;
using TeamBot.Agents.Tools;
using TeamBot.Rules;

namespace TeamBot.Hosting.Tests;

/// <summary>The workspace tools as a model calls them: by name, with arguments, through Microsoft.Extensions.AI.</summary>
public sealed class WorkspaceToolsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "teambot-workspace", Guid.NewGuid().ToString("N"));
    private readonly string _outside = Path.Combine(Path.GetTempPath(), "teambot-outside", Guid.NewGuid().ToString("N"));
    private readonly List<ToolCall> _calls = [];

    public WorkspaceToolsTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "src"));
        Directory.CreateDirectory(_outside);
        File.WriteAllText(Path.Combine(_root, "src", "app.txt"), "alpha\nbeta\nbeta\n");
        File.WriteAllText(Path.Combine(_outside, "secret.txt"), "outside");
    }

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }

    [Fact]
    public async Task A_write_inside_the_writable_globs_lands_and_is_recorded()
    {
        string result = await CallAsync(Tools(), "write_file", ("path", "src/new.txt"), ("content", "hello"));

        Assert.Equal("wrote src/new.txt (5 characters)", result);
        Assert.Equal("hello", File.ReadAllText(Path.Combine(_root, "src", "new.txt")));
        ToolCall call = Assert.Single(_calls);
        Assert.Equal(("write_file", false, "wrote src/new.txt (5 characters)"), (call.Tool, call.Refused, call.Summary));
        Assert.Contains("\"path\":\"src/new.txt\"", call.Arguments, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("docs/readme.md", "this stage may not write 'docs/readme.md'")]
    [InlineData("../escape.txt", "'../escape.txt' leaves the workspace")]
    [InlineData("src/../../escape.txt", "leaves the workspace")]
    [InlineData("/etc/passwd", "is an absolute path")]
    [InlineData(".git/config", "'.git/config' is not open to agents")]
    public async Task A_write_the_policy_does_not_allow_is_refused_to_the_model_and_nothing_is_written(string path, string reason)
    {
        string result = await CallAsync(Tools(), "write_file", ("path", path), ("content", "x"));

        Assert.StartsWith(WorkspaceTools.RefusedPrefix, result, StringComparison.Ordinal);
        Assert.Contains(reason, result, StringComparison.Ordinal);
        Assert.True(Assert.Single(_calls).Refused);
        Assert.False(File.Exists(Path.GetFullPath(Path.Combine(_root, path))) && !path.StartsWith('/'));
    }

    [Fact]
    public async Task A_symbolic_link_is_refused_for_writes_and_reads()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "src", "linked"), _outside);
        File.CreateSymbolicLink(Path.Combine(_root, "src", "secret.txt"), Path.Combine(_outside, "secret.txt"));

        string write = await CallAsync(Tools(), "write_file", ("path", "src/linked/planted.txt"), ("content", "x"));
        string overwrite = await CallAsync(Tools(), "write_file", ("path", "src/secret.txt"), ("content", "overwritten"));
        string read = await CallAsync(Tools(), "read_file", ("path", "src/secret.txt"));

        Assert.All(new[] { write, overwrite, read }, result => Assert.Contains("goes through a symbolic link", result, StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(_outside, "planted.txt")));
        Assert.Equal("outside", File.ReadAllText(Path.Combine(_outside, "secret.txt")));
    }

    [Fact]
    public async Task A_link_inside_the_workspace_to_a_denied_file_or_a_link_chain_out_of_it_is_refused()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".git"));
        File.WriteAllText(Path.Combine(_root, ".git", "config"), "[core]");
        File.CreateSymbolicLink(Path.Combine(_root, "src", "cfg"), Path.Combine(_root, ".git", "config"));
        File.CreateSymbolicLink(Path.Combine(_root, "src", "hop"), _outside);
        File.CreateSymbolicLink(Path.Combine(_root, "src", "chain"), Path.Combine(_root, "src", "hop", "secret.txt"));

        string[] results =
        [
            await CallAsync(Tools(), "write_file", ("path", "src/cfg"), ("content", "[core]\n\tfsmonitor = evil")),
            await CallAsync(Tools(), "read_file", ("path", "src/chain")),
            await CallAsync(Tools(), "write_file", ("path", "src/chain"), ("content", "overwritten")),
        ];

        Assert.All(results, result => Assert.StartsWith(WorkspaceTools.RefusedPrefix, result, StringComparison.Ordinal));
        Assert.Equal("[core]", File.ReadAllText(Path.Combine(_root, ".git", "config")));
        Assert.Equal("outside", File.ReadAllText(Path.Combine(_outside, "secret.txt")));
    }

    [Fact]
    public async Task Listing_and_searching_enter_no_linked_folder_and_no_glob_leaves_the_workspace()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "src", "loop"), _root);
        Directory.CreateSymbolicLink(Path.Combine(_root, "src", "away"), _outside);

        string listed = await CallAsync(Tools(), "list_files");
        string found = await CallAsync(Tools(), "search_files", ("pattern", "outside|alpha"));
        string escaped = await CallAsync(Tools(), "search_files", ("pattern", "outside"), ("glob", "../**"));

        Assert.Equal("src/app.txt", listed);
        Assert.Equal("src/app.txt:1: alpha\n", found);
        Assert.StartsWith(WorkspaceTools.RefusedPrefix, escaped, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_is_recorded_by_its_size_never_by_its_content()
    {
        File.WriteAllText(Path.Combine(_root, "src", "settings.txt"), "API_KEY=xyz\n");

        await CallAsync(Tools(), "read_file", ("path", "src/settings.txt"));

        Assert.Equal("read_file returned 12 characters", Assert.Single(_calls).Summary);
    }

    [Fact]
    public async Task A_call_that_throws_is_recorded_as_failed_before_the_exception_goes_on()
    {
        File.WriteAllText(Path.Combine(_root, "src", "slow.txt"), new string('a', 40) + "!\n");

        await Assert.ThrowsAsync<System.Text.RegularExpressions.RegexMatchTimeoutException>(() => CallAsync(Tools(), "search_files", ("pattern", "^(a+)+$")));

        ToolCall call = Assert.Single(_calls);
        Assert.StartsWith("failed: RegexMatchTimeoutException", call.Summary, StringComparison.Ordinal);
        Assert.False(call.Refused);
    }

    [Fact]
    public async Task An_edit_replaces_one_occurrence_and_refuses_text_that_occurs_twice_or_not_at_all()
    {
        WorkspaceTools tools = Tools();

        string once = await CallAsync(tools, "edit_file", ("path", "src/app.txt"), ("old_text", "alpha"), ("new_text", "gamma"));
        string twice = await CallAsync(tools, "edit_file", ("path", "src/app.txt"), ("old_text", "beta"), ("new_text", "delta"));
        string absent = await CallAsync(tools, "edit_file", ("path", "src/app.txt"), ("old_text", "omega"), ("new_text", "delta"));

        Assert.Equal("edited src/app.txt", once);
        Assert.Contains("occurs more than once", twice, StringComparison.Ordinal);
        Assert.Contains("does not occur", absent, StringComparison.Ordinal);
        Assert.Equal("gamma\nbeta\nbeta\n", File.ReadAllText(Path.Combine(_root, "src", "app.txt")));
    }

    [Fact]
    public async Task Listing_reading_and_searching_never_show_denied_files()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".git"));
        File.WriteAllText(Path.Combine(_root, ".git", "config"), "beta");
        WorkspaceTools tools = Tools();

        string listed = await CallAsync(tools, "list_files");
        string found = await CallAsync(tools, "search_files", ("pattern", "^beta$"));
        string read = await CallAsync(tools, "read_file", ("path", ".git/config"));

        Assert.Equal("src/app.txt", listed);
        Assert.Equal("src/app.txt:2: beta\nsrc/app.txt:3: beta\n", found);
        Assert.StartsWith(WorkspaceTools.RefusedPrefix, read, StringComparison.Ordinal);
    }

    [Fact]
    public void A_read_only_policy_offers_no_write_tools_and_no_commands_means_no_command_tool()
    {
        var names = new WorkspaceTools(new WorkspacePolicy(_root)).Functions.Select(function => function.Name).ToArray();

        Assert.Equal(["list_files", "read_file", "search_files", "show_diff"], names);
    }

    [Fact]
    public async Task Only_allowed_programs_run_without_a_shell_and_without_this_process_secrets()
    {
        Environment.SetEnvironmentVariable("TEAMBOT_TEST_SECRET", "s3cret");
        WorkspaceTools tools = Tools(commands: ["env", "echo"]);

        string env = await CallAsync(tools, "run_command", ("program", "env"));
        string echoed = await CallAsync(tools, "run_command", ("program", "echo"), ("arguments", new[] { "a;", "rm", "-rf", "$HOME" }));
        string refused = await CallAsync(tools, "run_command", ("program", "rm"), ("arguments", new[] { "-rf", "src" }));

        Assert.StartsWith("exit code 0\n", env, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", env, StringComparison.Ordinal);
        Assert.Contains("PATH=", env, StringComparison.Ordinal);
        Assert.Equal("exit code 0\na; rm -rf $HOME\n", echoed);
        Assert.Contains("this stage may not run 'rm' (allowed: env, echo)", refused, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_root, "src", "app.txt")));
        Assert.Equal([false, false, true], _calls.Select(call => call.Refused));
    }

    [Fact]
    public async Task A_command_past_its_time_limit_is_killed_and_long_output_is_cut()
    {
        WorkspaceTools tools = Tools(commands: ["sleep"], timeout: TimeSpan.FromMilliseconds(300));
        // The cut is checked with a generous limit: on a loaded machine seq may need longer than 300 ms.
        WorkspaceTools counting = Tools(commands: ["seq"], outputLimit: 1000);
        var clock = Stopwatch.StartNew();

        string slept = await CallAsync(tools, "run_command", ("program", "sleep"), ("arguments", new[] { "30" }));
        TimeSpan took = clock.Elapsed;
        string counted = await CallAsync(counting, "run_command", ("program", "seq"), ("arguments", new[] { "1", "100000" }));

        Assert.StartsWith("did not finish", slept, StringComparison.Ordinal);
        Assert.Contains("[killed: it ran longer than", slept, StringComparison.Ordinal);
        Assert.True(took < TimeSpan.FromSeconds(20), $"the command was not killed: {took}");
        Assert.StartsWith("exit code 0\n1\n2\n", counted, StringComparison.Ordinal);
        Assert.EndsWith("[output cut at 1000 characters]", counted, StringComparison.Ordinal);
        Assert.True(counted.Length < 1100);
    }

    [Fact]
    public async Task A_background_child_that_keeps_the_output_open_does_not_hold_the_call_past_its_limit()
    {
        WorkspaceTools tools = Tools(commands: ["sh"], timeout: TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();

        string result = await CallAsync(tools, "run_command", ("program", "sh"), ("arguments", new[] { "-c", "sleep 30 &" }));

        Assert.StartsWith("did not finish", result, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"the call waited for the background child: {clock.Elapsed}");
    }

    [Fact]
    public async Task One_huge_line_is_cut_at_the_limit()
    {
        WorkspaceTools tools = Tools(commands: ["head"], outputLimit: 1000);

        string result = await CallAsync(tools, "run_command", ("program", "head"), ("arguments", new[] { "-c", "5000000", "/dev/zero" }));

        Assert.StartsWith("exit code 0\n", result, StringComparison.Ordinal);
        Assert.EndsWith("[output cut at 1000 characters]", result, StringComparison.Ordinal);
        Assert.True(result.Length < 1100, $"{result.Length} characters came back");
    }

    [Fact]
    public async Task The_diff_shows_changed_and_new_files_of_a_git_workspace()
    {
        WorkspaceTools tools = Tools(commands: ["git"]);
        foreach (string[] git in new[] { new[] { "init", "-q" }, ["-c", "user.email=t@t", "-c", "user.name=t", "add", "."], ["-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "start"] })
        {
            Assert.StartsWith("exit code 0", await CallAsync(tools, "run_command", ("program", "git"), ("arguments", git)), StringComparison.Ordinal);
        }

        await CallAsync(tools, "edit_file", ("path", "src/app.txt"), ("old_text", "alpha"), ("new_text", "gamma"));
        await CallAsync(tools, "write_file", ("path", "src/added.txt"), ("content", "new"));
        File.WriteAllText(Path.Combine(_root, ".env"), "KEY=1\n");
        await CallAsync(tools, "run_command", ("program", "git"), ("arguments", new[] { "add", "-f", ".env" }));
        string diff = await CallAsync(tools, "show_diff");

        Assert.Contains("-alpha\n+gamma", diff, StringComparison.Ordinal);
        Assert.Contains("new files:\nsrc/added.txt", diff, StringComparison.Ordinal);
        Assert.DoesNotContain("KEY=1", diff, StringComparison.Ordinal);
    }

    private WorkspaceTools Tools(string[]? commands = null, TimeSpan? timeout = null, int outputLimit = 32_000) =>
        new(new WorkspacePolicy(_root) { Writable = ["src/**"], Commands = [.. commands ?? []], CommandTimeout = timeout ?? TimeSpan.FromMinutes(1), OutputLimit = outputLimit }, _calls.Add);

    private static async Task<string> CallAsync(WorkspaceTools tools, string name, params (string Name, object? Value)[] arguments)
    {
        AIFunction function = tools.Functions.Single(f => f.Name == name);
        object? result = await function.InvokeAsync(new AIFunctionArguments(arguments.ToDictionary(a => a.Name, a => a.Value)));
        return result is System.Text.Json.JsonElement json ? json.GetString()! : (string)result!;
    }
}
