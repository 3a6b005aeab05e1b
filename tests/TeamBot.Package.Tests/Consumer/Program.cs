using Consumer;

// Reads only generated code: the package's generator compiled stages.yaml into Workflow and Stage.
var workflow = Workflow.Definition;
Console.WriteLine("order: " + string.Join(",", workflow.StageOrder.Select(workflow.GetStageName)));
Console.WriteLine("enum: " + string.Join(",", workflow.StageOrder));
foreach (var group in workflow.ParallelGroups)
{
    Console.WriteLine($"group: {group.Name} after={workflow.GetStageName(group.After)} members={string.Join(",", group.Stages.Select(workflow.GetStageName))} before={workflow.GetStageName(group.Before)} max={group.MaxConcurrency}");
}

Console.WriteLine("next(SpecReview): " + string.Join(",", workflow.GetNextStages(Stage.SpecReview).Select(workflow.GetStageName)));
Console.WriteLine("review(Plan): " + workflow.GetStageName(workflow.GetReviewStage(Stage.Plan)!.Value));
