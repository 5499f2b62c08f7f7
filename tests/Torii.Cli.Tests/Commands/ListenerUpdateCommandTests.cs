using Torii.Protocol;
using static Torii.Cli.Tests.CommandLines;

namespace Torii.Cli.Tests.Commands;

public sealed class ListenerUpdateCommandTests
{
    [Fact]
    public void Http_update_sends_only_the_options_given()
    {
        var update = RequestFor("listener http update --address 127.0.0.1:8080 --front-timeout 2 --sticky-name LB").UpdateHttpListener;

        Assert.Equal(Address("127.0.0.1:8080"), update.Address);
        Assert.Equal(2u, update.FrontTimeout);
        Assert.Equal("LB", update.StickyName);
        Assert.False(update.HasBackTimeout);
        Assert.False(update.HasConnectTimeout);
        Assert.False(update.HasRequestTimeout);
        Assert.False(update.HasExpectProxy);
        Assert.Null(update.PublicAddress);
    }

    [Fact]
    public void Https_update_can_turn_expect_proxy_off()
    {
        var update = RequestFor("listener https update --address 127.0.0.1:8443 --expect-proxy false --request-timeout 7 --public-address 203.0.113.7:443").UpdateHttpsListener;

        Assert.True(update.HasExpectProxy);
        Assert.False(update.ExpectProxy);
        Assert.Equal(7u, update.RequestTimeout);
        Assert.Equal(Address("203.0.113.7:443"), update.PublicAddress);
    }

    [Fact]
    public void Tcp_update_has_no_http_options()
    {
        var update = RequestFor("listener tcp update --address 127.0.0.1:5432 --back-timeout 9 --connect-timeout 1").UpdateTcpListener;

        Assert.Equal(9u, update.BackTimeout);
        Assert.Equal(1u, update.ConnectTimeout);
        Assert.False(update.HasFrontTimeout);
        Assert.NotEmpty(ParseErrorsOf("listener tcp update --address 127.0.0.1:5432 --request-timeout 5"));
    }

    [Fact]
    public void Update_needs_the_listener_address()
    {
        Assert.NotEmpty(ParseErrorsOf("listener http update --front-timeout 5"));
        Assert.Contains("IP:PORT", RefusalOf("listener http update --address nowhere --front-timeout 5"));
    }
}
