using System;

namespace TeamBot.Analyzers.Tests;

/// <summary>A small valid workflow with one parallel group and one review stage; each rule test breaks one thing in it.</summary>
internal static class Workflows
{
    public const string Valid = """
        stages:
          SETUP:
            work_agent: pm
          SPEC:
            work_agent: ba
          SPEC_REVIEW:
            work_agent: ba
            review_agent: reviewer
            is_review_stage: true
          RESEARCH:
            work_agent: builder-1
            artifacts: [research.md]
          TEST_STRATEGY:
            work_agent: builder-2
            artifacts: [test_strategy.md]
          PLAN:
            work_agent: pm
          COMPLETE: {}
        stage_order: [SETUP, SPEC, SPEC_REVIEW, RESEARCH, TEST_STRATEGY, PLAN, COMPLETE]
        parallel_groups:
          post_spec_review:
            after: SPEC_REVIEW
            stages: [RESEARCH, TEST_STRATEGY]
            before: PLAN
        work_to_review_mapping:
          SPEC: SPEC_REVIEW

        """;

    /// <summary>The valid workflow with one exact piece of text replaced; fails if the piece is not there exactly once.</summary>
    public static string With(string find, string replace)
    {
        int first = Valid.IndexOf(find, StringComparison.Ordinal);
        if (first < 0 || Valid.IndexOf(find, first + 1, StringComparison.Ordinal) >= 0)
        {
            throw new ArgumentException($"'{find}' must occur exactly once in the valid workflow.", nameof(find));
        }

        return Valid.Replace(find, replace, StringComparison.Ordinal);
    }
}
