using System.CommandLine;
using static Torii.Cli.Tests.CommandLines;

namespace Torii.Cli.Tests.Commands;

public sealed class CommonOptionTests
{
    [Theory]
    [InlineData("--json --socket /run/torii.sock --timeout 2500 cluster list")]
    [InlineData("cluster list --json --socket /run/torii.sock --timeout 2500")]
    [InlineData("cluster --json list --socket=/run/torii.sock --timeout=2500")]
    public void Common_options_are_read_before_or_after_the_verb(string commandLine)
    {
        ParseResult result = Parse(commandLine);

        Assert.Empty(result.Errors);
        Assert.True(result.GetValue<bool>("--json"));
        Assert.Equal("/run/torii.sock", result.GetValue<string?>("--socket"));
        Assert.Equal(2500, result.GetValue<int>("--timeout"));
    }

    [Fact]
    public void Timeout_defaults_to_ten_seconds()
    {
        Assert.Equal(10_000, Parse("status").GetValue<int>("--timeout"));
    }

    [Theory]
    [InlineData("status --timeout 0")]
    [InlineData("status --timeout -5")]
    [InlineData("status --timeout soon")]
    public void Timeout_must_be_a_positive_number(string commandLine)
    {
        Assert.NotEmpty(ParseErrorsOf(commandLine));
    }

    [Fact]
    public void Config_has_a_short_alias()
    {
        Assert.Equal("proxy.toml", Parse("status -c proxy.toml").GetValue<string?>("--config"));
    }

    [Fact]
    public void Unknown_verbs_are_usage_errors()
    {
        Assert.NotEmpty(ParseErrorsOf("cluster explode --id api"));
    }
}
