using System;
using System.CommandLine;
using System.Linq;
using TeamBot.Definitions;

namespace TeamBot.Hosting.Commands;

/// <summary><c>teambot graph [--format mermaid|text] [--costs]</c>: the compiled workflow, or its worst case.</summary>
internal static class GraphCommand
{
    public static Command Create<TStage>(IWorkflowDefinition<TStage> workflow, CliContext<TStage> context)
        where TStage : struct, Enum
    {
        Option<string> format = new Option<string>("--format") { Description = "mermaid (a flowchart) or text (stages and transitions).", DefaultValueFactory = _ => "mermaid" }
            .OneOf("mermaid", "text");
        var costs = new Option<bool>("--costs") { Description = "Print each stage's build-time worst case (agent calls, tokens, time), the run's, the declared budget and the critical path instead." };
        var command = new Command("graph", "Print the compiled workflow.") { format, costs };
        command.SetAction(parse =>
        {
            if (parse.GetValue(costs))
            {
                CostsTable.Write(workflow, context.Output);
                return ExitCodes.Complete;
            }

            if (parse.GetValue(format) == "mermaid")
            {
                context.Output.Write(workflow.MermaidGraph);
                return ExitCodes.Complete;
            }

            foreach (StageDescriptor<TStage> stage in workflow.Stages)
            {
                string next = string.Join(", ", workflow.GetNextStages(stage.Stage).Select(workflow.GetStageName));
                string group = workflow.GetGroupOf(stage.Stage) is { } member ? $"  [group {member.Name}, max {member.MaxConcurrency}]" : "";
                context.Output.WriteLine($"{stage.Key,-24} -> {(next.Length == 0 ? "(end)" : next)}{group}");
            }

            return ExitCodes.Complete;
        });
        return command;
    }
}
