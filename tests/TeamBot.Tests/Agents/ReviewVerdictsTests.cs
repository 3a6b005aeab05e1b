using TeamBot.Agents;

namespace TeamBot.Tests.Agents;

public sealed class ReviewVerdictsTests
{
    [Theory]
    [InlineData("VERIFIED_APPROVED: the spec is complete")]
    [InlineData("Summary\n\n**VERIFIED_APPROVED:** ready to ship")]
    [InlineData("All good.\nVERIFIED_APPROVED: yes")]
    public void The_python_marker_approves(string review) => Assert.Equal(ReviewVerdict.Approved, ReviewVerdicts.FromText(review));

    [Theory]
    [InlineData("not approved: missing error cases")]
    [InlineData("Not approved: see below")]
    [InlineData("APPROVED: but only partly")]
    [InlineData("NOT VERIFIED_APPROVED: the tests fail")]
    [InlineData("UNVERIFIED_APPROVED: hmm")]
    [InlineData("I would write VERIFIED_APPROVED once the tests pass")]
    [InlineData("")]
    public void Anything_else_requests_changes(string review) => Assert.Equal(ReviewVerdict.ChangesRequested, ReviewVerdicts.FromText(review));
}
