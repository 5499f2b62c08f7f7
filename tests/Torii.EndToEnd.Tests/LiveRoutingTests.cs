using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.EndToEnd.Tests;

/// <summary>Routing changes made through the command socket apply to the very next request.</summary>
public sealed class LiveRoutingTests
{
    [Fact]
    public async Task Added_route_serves_the_next_request_and_removal_takes_effect_just_as_fast()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        Assert.Equal(404, (await proxy.GetAsync("app.test")).StatusCode);

        await proxy.RouteAppToFirstAsync();
        var routed = await proxy.GetAsync("app.test", "/hello");
        Assert.Equal(200, routed.StatusCode);
        Assert.Equal("first /hello", routed.Body);

        await proxy.Torii.MustAsync(Requests.RemoveFrontend("app", proxy.HttpPort, "app.test"));
        Assert.Equal(404, (await proxy.GetAsync("app.test", "/hello")).StatusCode);
    }

    [Fact]
    public async Task Keep_alive_connection_survives_unrelated_changes_and_sees_new_routes()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        await proxy.RouteAppToFirstAsync();
        await using var connection = await RawHttpConnection.OpenAsync(proxy.HttpPort);

        var before = await connection.SendAsync("GET /a HTTP/1.1\r\nHost: app.test\r\n\r\n");
        Assert.Equal("first /a", before.Body);

        await proxy.Torii.MustAsync(Requests.Cluster("other"));
        await proxy.Torii.MustAsync(Requests.AddFrontend("other", proxy.HttpPort, "other.test"));
        await proxy.Torii.MustAsync(Requests.Backend("other", "second", proxy.Second));

        var same = await connection.SendAsync("GET /b HTTP/1.1\r\nHost: app.test\r\n\r\n");
        var other = await connection.SendAsync("GET /c HTTP/1.1\r\nHost: other.test\r\n\r\n");
        Assert.Equal("first /b", same.Body);
        Assert.Equal("second /c", other.Body);
        Assert.Null(same.Header("Connection"));
    }

    [Fact]
    public async Task Round_robin_alternates_and_a_removed_backend_gets_no_new_request()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        await proxy.RouteAppToFirstAsync();
        await proxy.Torii.MustAsync(Requests.Backend("app", "second", proxy.Second));

        var served = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            served.Add((await proxy.GetAsync("app.test")).Header("X-Backend")!);
        }

        Assert.Equal(3, served.Count(name => name == "first"));
        Assert.Equal(3, served.Count(name => name == "second"));

        await proxy.Torii.MustAsync(Requests.RemoveBackend("app", "first", proxy.First.Port));
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal("second", (await proxy.GetAsync("app.test")).Header("X-Backend"));
        }
    }

    [Fact]
    public async Task Removing_a_cluster_removes_its_frontends_and_backends()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        await proxy.RouteAppToFirstAsync();
        await proxy.Torii.MustAsync(Requests.RemoveCluster("app"));

        Assert.Equal(404, (await proxy.GetAsync("app.test")).StatusCode);
        var listed = await proxy.Torii.MustAsync(new Request { ListFrontends = new FrontendFilters() });
        Assert.Empty(listed.Content.FrontendList.HttpFrontends);
        var unknown = await proxy.Torii.SendAsync(Requests.Backend("app", "again", proxy.First));
        Assert.Equal(ResponseStatus.Failure, unknown.Status);
    }

    [Fact]
    public async Task Backend_keep_alive_connections_are_reused()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        await proxy.RouteAppToFirstAsync();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(200, (await proxy.GetAsync("app.test")).StatusCode);
        }

        Assert.Equal(10, proxy.First.RequestCount);
        Assert.Equal(1, proxy.First.ConnectionCount);
    }

    [Fact]
    public async Task Path_rules_route_equals_before_regex_before_longest_prefix()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        await proxy.Torii.MustAsync(Requests.Cluster("app"));
        await proxy.Torii.MustAsync(Requests.Backend("app", "first", proxy.First));
        await proxy.Torii.MustAsync(Requests.Cluster("api"));
        await proxy.Torii.MustAsync(Requests.Backend("api", "second", proxy.Second));
        await proxy.Torii.MustAsync(Requests.AddFrontend("app", proxy.HttpPort, "site.test"));
        await proxy.Torii.MustAsync(Requests.AddFrontend("api", proxy.HttpPort, "site.test", "/api"));
        var exact = Requests.Frontend("app", proxy.HttpPort, "site.test");
        exact.Path = new PathRule { Kind = PathRuleKind.Equals, Value = "/api/health" };
        await proxy.Torii.MustAsync(new Request { AddHttpFrontend = exact });

        Assert.Equal("first", (await proxy.GetAsync("site.test", "/")).Header("X-Backend"));
        Assert.Equal("second", (await proxy.GetAsync("site.test", "/api/users")).Header("X-Backend"));
        Assert.Equal("first", (await proxy.GetAsync("site.test", "/api/health")).Header("X-Backend"));
    }

    [Fact]
    public async Task Wildcard_hostname_matches_one_label_and_exact_wins()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        await proxy.Torii.MustAsync(Requests.Cluster("wild"));
        await proxy.Torii.MustAsync(Requests.Backend("wild", "first", proxy.First));
        await proxy.Torii.MustAsync(Requests.Cluster("exact"));
        await proxy.Torii.MustAsync(Requests.Backend("exact", "second", proxy.Second));
        await proxy.Torii.MustAsync(Requests.AddFrontend("wild", proxy.HttpPort, "*.example.test"));
        await proxy.Torii.MustAsync(Requests.AddFrontend("exact", proxy.HttpPort, "www.example.test"));

        Assert.Equal("first", (await proxy.GetAsync("api.example.test")).Header("X-Backend"));
        Assert.Equal("second", (await proxy.GetAsync("WWW.Example.Test:8080")).Header("X-Backend"));
        Assert.Equal(404, (await proxy.GetAsync("a.b.example.test")).StatusCode);
    }

    [Fact]
    public async Task Forwarding_headers_and_the_request_id_are_added()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        await proxy.RouteAppToFirstAsync();
        await using var connection = await RawHttpConnection.OpenAsync(proxy.HttpPort);
        var response = await connection.SendAsync("GET /headers HTTP/1.1\r\nHost: app.test\r\nX-Forwarded-For: 10.0.0.1\r\nConnection: keep-alive, X-Secret\r\nX-Secret: drop-me\r\n\r\n");

        var requestId = response.Header("Torii-Id");
        Assert.False(string.IsNullOrEmpty(requestId));
        Assert.Contains("X-Forwarded-For: 10.0.0.1, 127.0.0.1", response.Body);
        Assert.Contains("X-Forwarded-Proto: http", response.Body);
        Assert.Contains($"X-Forwarded-Port: {proxy.HttpPort}", response.Body);
        Assert.Contains("Forwarded: for=127.0.0.1;proto=http", response.Body);
        Assert.Contains($"Torii-Id: {requestId}", response.Body);
        Assert.DoesNotContain("X-Secret", response.Body);
    }

    [Fact]
    public async Task Sticky_session_cookie_pins_the_backend()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        await proxy.Torii.MustAsync(Requests.Cluster("app", sticky: true));
        await proxy.Torii.MustAsync(Requests.AddFrontend("app", proxy.HttpPort, "app.test"));
        await proxy.Torii.MustAsync(Requests.Backend("app", "first", proxy.First));
        await proxy.Torii.MustAsync(Requests.Backend("app", "second", proxy.Second));

        var first = await proxy.GetAsync("app.test");
        var cookie = first.Header("Set-Cookie");
        Assert.NotNull(cookie);
        var pinned = first.Header("X-Backend");
        await using var connection = await RawHttpConnection.OpenAsync(proxy.HttpPort);
        for (var i = 0; i < 4; i++)
        {
            var response = await connection.SendAsync($"GET / HTTP/1.1\r\nHost: app.test\r\nCookie: {cookie.Split(';')[0]}\r\n\r\n");
            Assert.Equal(pinned, response.Header("X-Backend"));
            Assert.Null(response.Header("Set-Cookie"));
        }
    }

    [Fact]
    public async Task Chunked_response_and_request_bodies_stream_through()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        await proxy.RouteAppToFirstAsync();
        await using var connection = await RawHttpConnection.OpenAsync(proxy.HttpPort);

        var chunked = await connection.SendAsync("GET /chunked HTTP/1.1\r\nHost: app.test\r\n\r\n");
        Assert.Equal("chunk-0;chunk-1;chunk-2;chunk-3;chunk-4;", chunked.Body);

        var echoed = await connection.SendAsync("POST /echo HTTP/1.1\r\nHost: app.test\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
        Assert.Equal("hello world", echoed.Body);

        var large = new string('x', 300_000);
        var fixedLength = await connection.SendAsync($"POST /echo HTTP/1.1\r\nHost: app.test\r\nContent-Length: {large.Length}\r\n\r\n{large}");
        Assert.Equal(large, fixedLength.Body);
    }

    [Fact]
    public async Task Http10_client_never_receives_a_chunked_body()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        await proxy.RouteAppToFirstAsync();
        await using var connection = await RawHttpConnection.OpenAsync(proxy.HttpPort);

        var response = await connection.SendAsync("GET /chunked HTTP/1.0\r\nHost: app.test\r\n\r\n");

        Assert.Null(response.Header("Transfer-Encoding"));
        Assert.Equal("chunk-0;chunk-1;chunk-2;chunk-3;chunk-4;", response.Body);
    }
}
