using Torii.Protocol;
using static Torii.Cli.Tests.CommandLines;

namespace Torii.Cli.Tests.Commands;

public sealed class ListenerCommandTests
{
    [Fact]
    public void Http_add_adds_the_listener_then_activates_it()
    {
        Request[] expected =
        [
            new() { AddHttpListener = new HttpListenerConfig { Address = Address("0.0.0.0:8080") } },
            new() { ActivateListener = new ActivateListener { Address = Address("0.0.0.0:8080"), Proxy = ListenerType.Http } },
        ];

        Assert.Equal(expected, RequestsFor("listener http add --address 0.0.0.0:8080"));
    }

    [Fact]
    public void Http_add_with_every_option_sets_every_field()
    {
        var expected = new HttpListenerConfig
        {
            Address = Address("0.0.0.0:8080"),
            PublicAddress = Address("203.0.113.7:80"),
            StickyName = "LB",
            FrontTimeout = 61,
            BackTimeout = 31,
            ConnectTimeout = 4,
            RequestTimeout = 11,
            ExpectProxy = true,
        };

        IReadOnlyList<Request> requests = RequestsFor(
            "listener http add --address 0.0.0.0:8080 --public-address 203.0.113.7:80 --sticky-name LB " +
            "--front-timeout 61 --back-timeout 31 --connect-timeout 4 --request-timeout 11 --expect-proxy");

        Assert.Equal(expected, requests[0].AddHttpListener);
        Assert.Equal(2, requests.Count);
    }

    [Fact]
    public void Http_add_leaves_unset_options_to_the_proxy_defaults()
    {
        HttpListenerConfig listener = RequestsFor("listener http add --address 0.0.0.0:8080")[0].AddHttpListener;

        Assert.False(listener.HasFrontTimeout);
        Assert.False(listener.HasStickyName);
        Assert.False(listener.HasExpectProxy);
        Assert.Null(listener.PublicAddress);
    }

    [Fact]
    public void Http_add_inactive_only_adds()
    {
        var expected = new Request { AddHttpListener = new HttpListenerConfig { Address = Address("0.0.0.0:8080") } };

        Assert.Equal(expected, RequestFor("listener http add --address 0.0.0.0:8080 --inactive"));
    }

    [Fact]
    public void Tcp_add_adds_the_listener_then_activates_it()
    {
        Request[] expected =
        [
            new()
            {
                AddTcpListener = new TcpListenerConfig
                {
                    Address = Address("[::]:5432"),
                    FrontTimeout = 120,
                    BackTimeout = 60,
                    ConnectTimeout = 2,
                    ExpectProxy = true,
                },
            },
            new() { ActivateListener = new ActivateListener { Address = Address("[::]:5432"), Proxy = ListenerType.Tcp } },
        ];

        Assert.Equal(expected, RequestsFor("listener tcp add --address [::]:5432 --front-timeout 120 --back-timeout 60 --connect-timeout 2 --expect-proxy"));
    }

    [Fact]
    public void Tcp_add_inactive_only_adds()
    {
        Request request = RequestFor("listener tcp add --address 127.0.0.1:5432 --inactive");

        Assert.Equal(Request.RequestTypeOneofCase.AddTcpListener, request.RequestTypeCase);
    }

    [Fact]
    public void Tcp_add_has_no_request_timeout()
    {
        Assert.NotEmpty(ParseErrorsOf("listener tcp add --address 127.0.0.1:5432 --request-timeout 5"));
    }

    [Theory]
    [InlineData("http", ListenerType.Http)]
    [InlineData("tcp", ListenerType.Tcp)]
    public void Remove_activate_and_deactivate_name_the_address_and_listener_type(string protocol, ListenerType type)
    {
        SocketAddress address = Address("127.0.0.1:9000");

        Assert.Equal(
            new Request { RemoveListener = new RemoveListener { Address = address, Proxy = type } },
            RequestFor($"listener {protocol} remove --address 127.0.0.1:9000"));
        Assert.Equal(
            new Request { ActivateListener = new ActivateListener { Address = address, Proxy = type } },
            RequestFor($"listener {protocol} activate --address 127.0.0.1:9000"));
        Assert.Equal(
            new Request { DeactivateListener = new DeactivateListener { Address = address, Proxy = type } },
            RequestFor($"listener {protocol} deactivate --address 127.0.0.1:9000"));
    }

    [Fact]
    public void List_asks_for_the_listeners()
    {
        Assert.Equal(new Request { ListListeners = new ListListeners() }, RequestFor("listener list"));
    }

    [Fact]
    public void Add_refuses_a_bad_public_address()
    {
        Assert.StartsWith(
            "--public-address \"example.com:80\" is not an address",
            RefusalOf("listener http add --address 0.0.0.0:80 --public-address example.com:80"),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Add_refuses_a_timeout_that_is_not_a_number()
    {
        Assert.NotEmpty(ParseErrorsOf("listener http add --address 0.0.0.0:80 --front-timeout soon"));
    }
}
