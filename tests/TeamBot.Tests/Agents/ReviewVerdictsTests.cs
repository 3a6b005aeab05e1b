using TeamBot.Agents;

namespace TeamBot.Tests.Agents;

/// <summary>
/// Review texts as the Python TeamBot's reviewers wrote them (the first rows are the shapes found in its saved runs),
/// and the forms it wrongly took for approvals.
/// </summary>
public sealed class ReviewVerdictsTests
{
    [Theory]
    [InlineData("VERIFIED_APPROVED: Spec review artifacts are complete, technically accurate, and actionable")]
    [InlineData("## Review\n\n**Decision**: APPROVED (with workflow-stage context)\n\nVERIFIED_APPROVED: Plan review artifacts are complete")]
    [InlineData("**Decision**: VERIFIED_APPROVED\n\n...\n\nVERIFIED_APPROVED: Spec review phase complete with all required artifacts")]
    [InlineData("Summary\n\n**VERIFIED_APPROVED:** ready to ship")]
    [InlineData("**VERIFIED_APPROVED**: ready to ship")]
    [InlineData("All good.\nVERIFIED_APPROVED: yes")]
    [InlineData("verified_approved: the lowercase marker, which Python accepted")]
    [InlineData("Verified_Approved: any letter case")]
    [InlineData("APPROVED: the plan covers every criterion\n\nVerification Evidence:\n- Code changes: src/export.py\n- Tests: 12 passed")]
    [InlineData("approved: lowercase legacy verdict\n\n**Verification Evidence:**\n- Tests: pytest output shown")]
    public void What_the_python_tool_approved_approves(string review) => Assert.Equal(ReviewVerdict.Approved, ReviewVerdicts.FromText(review));

    [Theory]
    [InlineData("REJECTED: the tests are not shown\n\nIssues Found:\n1. No pytest output\n\nRequired Actions:\n1. Run the tests")]
    [InlineData("**Decision: APPROVED** - the legacy word without its colon and evidence section")]
    [InlineData("APPROVED: but no evidence section")]
    [InlineData("Verification Evidence:\n- Tests: none\n\nno verdict at all")]
    [InlineData("not approved: missing error cases")]
    [InlineData("Not approved: see below\n\nVerification Evidence:\n- Tests: failing")]
    [InlineData("NOT VERIFIED_APPROVED: the tests fail")]
    [InlineData("not verified_approved: lowercase negation")]
    [InlineData("This is NOT **VERIFIED_APPROVED**: the tests fail")]
    [InlineData("never VERIFIED_APPROVED: while tests fail")]
    [InlineData("UNVERIFIED_APPROVED: hmm")]
    [InlineData("DISAPPROVED: the plan\n\nVerification Evidence:\n- none")]
    [InlineData("PRE-APPROVED: by someone else\n\nVerification Evidence:\n- none")]
    [InlineData("I would write VERIFIED_APPROVED once the tests pass")]
    [InlineData("")]
    public void Anything_else_requests_changes(string review) => Assert.Equal(ReviewVerdict.ChangesRequested, ReviewVerdicts.FromText(review));
}
