namespace Sample.Tests;

public sealed class ReportTests
{
    [Fact]
    public void Text_has_the_title_then_one_row_per_line() =>
        Assert.Equal("Sales\n1\n2", new Report("Sales", ["1", "2"]).ToText());
}
