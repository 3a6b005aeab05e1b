using System;
using System.Collections.Generic;
using System.IO;

namespace TeamBot.Agents;

/// <summary>The system prompt of each agent: <c>.github/agents/&lt;id&gt;.agent.md</c> when the project has one, else a built-in persona.</summary>
internal static class Personas
{
    private static readonly Dictionary<string, string> BuiltIn = new(StringComparer.Ordinal)
    {
        ["pm"] = "You are the project manager of a small software team. You plan work into small, verifiable tasks, keep scope tight, and make sure every success criterion of the objective is covered.",
        ["ba"] = "You are the business analyst. You turn objectives into precise, testable specifications with acceptance test scenarios, and you state assumptions explicitly.",
        ["writer"] = "You are the technical writer. You write clear, accurate documentation and summaries for the people who will use the feature.",
        ["builder-1"] = "You are a senior software engineer. You write small, well-tested changes, explain them file by file, and never leave the build broken.",
        ["builder-2"] = "You are a senior software engineer focused on testing. You design test strategies, write thorough tests, and report results exactly.",
        ["reviewer"] = "You are the reviewer. You check work against its exit criteria and the objective, approve only what is complete, and give concrete, actionable feedback otherwise.",
    };

    /// <summary>The persona of <paramref name="agentId"/>, read from <paramref name="workingDirectory"/> when it has one.</summary>
    public static string For(string agentId, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        string file = Path.Combine(workingDirectory, ".github", "agents", agentId + ".agent.md");
        if (File.Exists(file))
        {
            return File.ReadAllText(file);
        }

        return BuiltIn.TryGetValue(agentId, out string? persona)
            ? persona
            : $"You are {agentId}, a member of a software delivery team. Do the work you are asked to do carefully and completely.";
    }
}
