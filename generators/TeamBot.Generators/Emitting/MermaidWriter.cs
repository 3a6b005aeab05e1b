using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using TeamBot.Generators.Model;

namespace TeamBot.Generators.Emitting;

/// <summary>
/// Draws a workflow as a Mermaid flowchart: review stages as hexagons, optional ones as stadiums, groups as subgraphs,
/// and each stage that calls agents labelled with its worst-case calls (docs/budgets.md).
/// </summary>
internal static class MermaidWriter
{
    private static readonly HashSet<string> Reserved = new(System.StringComparer.OrdinalIgnoreCase)
    {
        "end", "subgraph", "graph", "flowchart", "style", "class", "classDef", "click", "linkStyle", "direction",
    };

    public static string Write(WorkflowSpec spec)
    {
        var builder = new StringBuilder();
        builder.Append("flowchart TD\n");
        for (int i = 0; i < spec.Stages.Count; i++)
        {
            StageSpec stage = spec.Stages[i];
            string label = Label(stage.WorstCaseCalls > 0 ? $"{stage.Name} (≤{stage.WorstCaseCalls.ToString(CultureInfo.InvariantCulture)} {(stage.WorstCaseCalls == 1 ? "call" : "calls")})" : stage.Name);
            string shape = stage.IsReviewStage ? "{{" + label + "}}" : stage.IsOptional ? "([" + label + "])" : "[" + label + "]";
            builder.Append("    ").Append(NodeId(spec, i)).Append(shape).Append('\n');
        }

        for (int g = 0; g < spec.Groups.Count; g++)
        {
            GroupSpec group = spec.Groups[g];
            builder.Append("    subgraph group").Append(g.ToString(CultureInfo.InvariantCulture))
                .Append('[').Append(Label(group.Name + " (max " + group.MaxConcurrency.ToString(CultureInfo.InvariantCulture) + " at once)")).Append("]\n");
            foreach (int member in group.Members)
            {
                builder.Append("        ").Append(NodeId(spec, member)).Append('\n');
            }

            builder.Append("    end\n");
        }

        for (int i = 0; i < spec.Stages.Count; i++)
        {
            foreach (int next in spec.Stages[i].Next)
            {
                builder.Append("    ").Append(NodeId(spec, i)).Append(" --> ").Append(NodeId(spec, next)).Append('\n');
            }
        }

        foreach (ReviewPairSpec pair in spec.ReviewMappings)
        {
            builder.Append("    ").Append(NodeId(spec, pair.ReviewStage)).Append(" -. reviews .-> ").Append(NodeId(spec, pair.WorkStage)).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>The stage key when Mermaid can take it as an ID; otherwise a positional ID, since keys may hold anything.</summary>
    private static string NodeId(WorkflowSpec spec, int index)
    {
        string key = spec.Stages[index].Key;
        bool simple = key.Length > 0 && IsAsciiLetter(key[0]) && key.All(c => IsAsciiLetter(c) || c is '_' or (>= '0' and <= '9'));
        return simple && !Reserved.Contains(key) ? key : "stage" + index.ToString(CultureInfo.InvariantCulture);
    }

    private static bool IsAsciiLetter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');

    /// <summary>A quoted label with Mermaid's entity codes for the characters that would end it.</summary>
    private static string Label(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (char c in text)
        {
            _ = c switch
            {
                '"' => builder.Append("#quot;"),
                '<' => builder.Append("#lt;"),
                '>' => builder.Append("#gt;"),
                '#' => builder.Append("#35;"),
                _ when char.IsControl(c) || char.IsWhiteSpace(c) => builder.Append(' '),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }
}
