namespace TeamBot.Hosting.Tests;

/// <summary>What the command line shows of a <c>--cluster</c> connection in its messages.</summary>
public sealed class ClusterConnectionTests
{
    [Theory]
    [InlineData("Host=127.0.0.1;Username=teambot;Password=change-me;Database=teambot", "host=127.0.0.1;username=teambot;password=***;database=teambot")]
    [InlineData("Host=db;Pwd=secret", "host=db;pwd=***")]
    [InlineData("Host=db;Psw=secret", "host=db;psw=***")]
    [InlineData("Host=/var/run/postgresql;Username=me;Database=teambot", "host=/var/run/postgresql;username=me;database=teambot")]
    [InlineData("127.0.0.1:30000", "127.0.0.1:30000")]
    public void A_connection_is_shown_without_its_password(string connection, string shown) =>
        Assert.Equal(shown, ClusterConnection.Shown(connection));

    [Fact]
    public void A_connection_string_that_does_not_parse_is_not_shown_at_all() =>
        Assert.Equal("(the given connection string)", ClusterConnection.Shown("Host=db;Password='unterminated"));
}
