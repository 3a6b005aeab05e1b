using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using TeamBot.Agents;
using TeamBot.Orleans.Storage;
using TeamBot.Rules;

namespace TeamBot.Orleans.Tests;

/// <summary>What a worker grain's answer keeps when Orleans carries it between silos.</summary>
public sealed class WireTests
{
    [Fact]
    public void An_agent_response_crosses_the_wire_with_its_artifacts_verdict_and_tool_calls()
    {
        using ServiceProvider services = new ServiceCollection().AddSerializer(serializer => serializer.AddAssembly(typeof(GrainRunStore).Assembly)).BuildServiceProvider();
        Serializer serializer = services.GetRequiredService<Serializer>();
        var response = new AgentResponse
        {
            Output = "done",
            Artifacts = new Dictionary<string, string> { ["notes.md"] = "# Notes" },
            Verdict = ReviewVerdict.Approved,
            ToolCalls = [new ToolCall("edit_file", """{"path":"src/a.cs"}""", "edited src/a.cs", Refused: false), new ToolCall("run_command", """{"program":"curl"}""", "Refused: this stage may not run 'curl'", Refused: true)],
        };

        AgentResponse copy = serializer.Deserialize<AgentResponse>(serializer.SerializeToArray(response))!;

        Assert.Equal(response.Output, copy.Output);
        Assert.Equal(response.Artifacts, copy.Artifacts);
        Assert.Equal(response.Verdict, copy.Verdict);
        Assert.Equal(response.ToolCalls.ToArray(), copy.ToolCalls.ToArray());
    }
}
