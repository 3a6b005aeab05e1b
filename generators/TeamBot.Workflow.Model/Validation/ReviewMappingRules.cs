using TeamBot.Workflow.Diagnostics;
using TeamBot.Workflow.Model;
using TeamBot.Workflow.Naming;

namespace TeamBot.Workflow.Validation;

/// <summary>Rules for <c>work_to_review_mapping</c>.</summary>
internal static class ReviewMappingRules
{
    public static void Check(WorkflowIndex index, ProblemSink sink)
    {
        foreach (ReviewMappingDefinition mapping in index.Document.ReviewMappings)
        {
            bool known = true;
            foreach (Located<string> side in new[] { mapping.WorkStage, mapping.ReviewStage })
            {
                if (!index.StagesByKey.ContainsKey(side.Value))
                {
                    sink.ReportUnknownStage(side, "work_to_review_mapping", index.StageKeys);
                    known = false;
                }
            }

            if (!known)
            {
                continue;
            }

            if (!index.StagesByKey[mapping.ReviewStage.Value].IsReviewStage)
            {
                sink.Report(RuleIds.MappedStageNotReview, mapping.ReviewStage.Span, mapping.ReviewStage.Value, mapping.WorkStage.Value);
            }

            if (index.Positions.TryGetValue(mapping.WorkStage.Value, out int work)
                && index.Positions.TryGetValue(mapping.ReviewStage.Value, out int review)
                && review <= work)
            {
                sink.Report(RuleIds.ReviewBeforeWork, mapping.ReviewStage.Span, mapping.ReviewStage.Value, mapping.WorkStage.Value);
            }
        }
    }
}
