using System;
using System.Linq;
using TeamBot.Definitions;
using WorkflowPrinter;

// Everything below is read from code the TeamBot generator compiled from stages.yaml: no YAML is parsed here.
Workflow workflow = Workflow.Definition;

Console.WriteLine($"Workflow '{workflow.Name}' compiled from {workflow.SourceFileName}: {workflow.Stages.Length} stages");
Console.WriteLine();
Console.WriteLine("Stage order:");
foreach (StageDescriptor<Stage> stage in workflow.Stages)
{
    string agents = stage.ParallelAgents.IsEmpty ? stage.WorkAgent ?? "-" : string.Join(" + ", stage.ParallelAgents);
    string flags = string.Join(", ", new[]
    {
        stage.IsOptional ? "optional" : null,
        stage.IsReviewStage ? $"review by {stage.ReviewAgent}, max {stage.MaxIterations} iterations" : null,
        stage.IsAcceptanceTestStage ? "acceptance tests" : null,
        stage.RequiresAcceptanceTestsPassed ? "needs passed acceptance tests" : null,
    }.Where(flag => flag is not null));
    Console.WriteLine($"  {(int)stage.Stage + 1,2}. {stage.Key,-22} {stage.Name,-28} agent: {agents,-22} {flags}");
}

Console.WriteLine();
Console.WriteLine("Parallel groups:");
foreach (ParallelGroupDescriptor<Stage> group in workflow.ParallelGroups)
{
    Console.WriteLine($"  {group.Name}: after {workflow.GetStageName(group.After)} run [{string.Join(", ", group.Stages.Select(workflow.GetStageName))}] (max {group.MaxConcurrency} at once), then {workflow.GetStageName(group.Before)}");
}

Console.WriteLine();
Console.WriteLine("Transitions:");
foreach (Stage stage in workflow.StageOrder)
{
    var next = workflow.GetNextStages(stage);
    Console.WriteLine($"  {workflow.GetStageName(stage),-22} -> {(next.IsEmpty ? "(end)" : string.Join(", ", next.Select(workflow.GetStageName)))}");
}

Console.WriteLine();
Console.WriteLine("Work reviewed by:");
foreach (ReviewMapping<Stage> mapping in workflow.ReviewMappings)
{
    Console.WriteLine($"  {workflow.GetStageName(mapping.WorkStage),-22} -> {workflow.GetStageName(mapping.ReviewStage)}");
}

Console.WriteLine();
Console.WriteLine("Mermaid:");
Console.Write(workflow.MermaidGraph);
