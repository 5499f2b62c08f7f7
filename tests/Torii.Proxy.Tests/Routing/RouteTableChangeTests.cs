using Torii.Protocol;
using Torii.Proxy.Routing;

namespace Torii.Proxy.Tests.Routing;

public sealed class RouteTableChangeTests
{
    [Fact]
    public void AddReturnsANewTableAndLeavesTheOldOneAlone()
    {
        RouteTable before = Routes.Table(Routes.Prefix("a.com", "/", "a"));

        RouteTable after = before.Add(Routes.Prefix("b.com", "/", "b"));

        Assert.Null(before.Target("b.com", "/"));
        Assert.Equal("b", after.Target("b.com", "/"));
        Assert.Equal(1, before.Count);
        Assert.Equal(2, after.Count);
        Assert.Equal(2, after.HostCount);
    }

    [Fact]
    public void AddThenRemoveRoundTrips()
    {
        HttpRoute[] routes =
        [
            Routes.Prefix("example.com", "/", "root"),
            Routes.Prefix("example.com", "/api", "api"),
            Routes.Prefix("example.com", "/api", "api-post", method: "POST"),
            Routes.Exact("example.com", "/health", "health"),
            Routes.Regex("example.com", @"\.png$", "images"),
            Routes.Prefix("*.example.com", "/", "wild"),
        ];
        RouteTable full = Routes.Table(routes);

        RouteTable table = full;
        foreach (HttpRoute route in routes.Reverse())
        {
            Assert.NotNull(table.Target(route.Hostname.Replace("*", "x"), "/"));
            table = table.Remove(route);
        }

        Assert.Equal(0, table.Count);
        Assert.Equal(0, table.HostCount);
        Assert.Empty(table.AllRoutes);
        Assert.Null(table.Target("example.com", "/"));
        Assert.Equal(routes.Length, full.Count);
    }

    [Fact]
    public void RemovingOneRouteKeepsTheOthersOfTheSameHost()
    {
        RouteTable table = Routes.Table(
            Routes.Prefix("example.com", "/", "root"),
            Routes.Prefix("example.com", "/api", "api"),
            Routes.Prefix("example.com", "/api", "api-post", method: "POST"),
            Routes.Regex("example.com", "^/r", "regex"));

        table = table.Remove(Routes.Prefix("example.com", "/api", "api"));

        Assert.Equal("api-post", table.Target("example.com", "/api", "POST"));
        Assert.Equal("root", table.Target("example.com", "/api", "GET"));
        Assert.Equal("regex", table.Target("example.com", "/r"));

        table = table.Remove(Routes.Prefix("example.com", "/api", "api-post", method: "POST"));
        Assert.Equal("root", table.Target("example.com", "/api", "POST"));
        Assert.Equal(2, table.Count);
    }

    [Fact]
    public void ARemovedRegexCanBeAddedBackAndMovesToTheEndOfTheOrder()
    {
        HttpRoute first = Routes.Regex("example.com", "^/a", "first");
        RouteTable table = Routes.Table(first, Routes.Regex("example.com", "^/ab", "second"));

        table = table.Remove(first).Add(first);

        Assert.Equal("second", table.Target("example.com", "/abc"));
        Assert.Equal("first", table.Target("example.com", "/ax"));
    }

    [Fact]
    public void AddingTheSameRuleTwiceIsAnError()
    {
        RouteTable table = Routes.Table(Routes.Prefix("example.com", "/api", "api"));

        Assert.False(table.TryAdd(Routes.Prefix("EXAMPLE.com.", "/api", "other"), out RouteTable? result, out string? error));
        Assert.Null(result);
        Assert.Contains("already exists", error);
        Assert.Throws<InvalidOperationException>(() => table.Add(Routes.Prefix("example.com", "/api", "api")));
    }

    [Fact]
    public void RulesDifferingByKindOrMethodAreDistinct()
    {
        RouteTable table = Routes.Table(
            Routes.Prefix("example.com", "/a", "prefix"),
            Routes.Exact("example.com", "/a", "equals"),
            Routes.Regex("example.com", "/a", "regex"),
            Routes.Prefix("example.com", "/a", "get", method: "GET"));

        Assert.Equal(4, table.Count);
        Assert.Equal(1, table.HostCount);
    }

    [Fact]
    public void RemovingAMissingRouteIsAnError()
    {
        RouteTable table = Routes.Table(Routes.Prefix("example.com", "/api", "api"));

        Assert.False(table.TryRemove(Routes.Prefix("example.com", "/other", "api"), out _, out string? error));
        Assert.Contains("no route", error);
        Assert.False(table.TryRemove(Routes.Prefix("example.com", "/api", "api", method: "GET"), out _, out _));
        Assert.False(table.TryRemove(Routes.Exact("example.com", "/api", "api"), out _, out _));
        Assert.False(table.TryRemove(Routes.Prefix("other.com", "/api", "api"), out _, out _));
        Assert.Throws<InvalidOperationException>(() => RouteTable.Empty.Remove(Routes.Prefix("example.com", "/", "x")));
    }

    [Fact]
    public void RemoveFindsTheRuleWhateverTheTargetAndHostSpelling()
    {
        RouteTable table = Routes.Table(Routes.Prefix("example.com", "/api", "api"));

        RouteTable removed = table.Remove(Routes.Deny("Example.Com.", "/api"));

        Assert.Equal(0, removed.Count);
    }

    [Fact]
    public void AnInvalidRegexIsRejected()
    {
        Assert.False(RouteTable.Empty.TryAdd(Routes.Regex("example.com", "([unclosed", "x"), out _, out string? error));
        Assert.Contains("invalid path regex", error);
        Assert.Throws<ArgumentException>(() => RouteTable.Empty.Add(Routes.Regex("example.com", "(", "x")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.*.com")]
    [InlineData("example.com:8080")]
    public void AnInvalidHostnameIsRejected(string hostname)
    {
        Assert.False(RouteTable.Empty.TryAdd(Routes.Prefix(hostname, "/", "x"), out _, out string? error));
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("GE T")]
    [InlineData("GET\r\n")]
    public void AnInvalidMethodIsRejected(string method)
    {
        Assert.Throws<ArgumentException>(() => RouteTable.Empty.Add(Routes.Prefix("example.com", "/", "x", method)));
    }

    [Fact]
    public void AnUnknownPathKindIsRejected()
    {
        var route = new HttpRoute("example.com", (PathRuleKind)42, "/", null, RouteTarget.ForCluster("x"));

        Assert.False(RouteTable.Empty.TryAdd(route, out _, out _));
    }

    [Fact]
    public void AllRoutesListsEveryRouteOnce()
    {
        HttpRoute[] routes =
        [
            Routes.Prefix("a.com", "/", "a"),
            Routes.Exact("a.com", "/x", "ax"),
            Routes.Prefix("b.com", "/", "b"),
            Routes.Deny("*.c.com", "/"),
        ];

        RouteTable table = Routes.Table(routes);

        Assert.Equal(routes.OrderBy(route => route.ToString()), table.AllRoutes.OrderBy(route => route.ToString()));
        Assert.Equal([routes[0], routes[1]], table.AllRoutes.Where(route => route.Hostname == "a.com"));
    }

    [Fact]
    public void FindForQueryFiltersByHostnameAndPathValue()
    {
        RouteTable table = Routes.Table(
            Routes.Prefix("example.com", "/", "root"),
            Routes.Prefix("example.com", "/api", "api"),
            Routes.Regex("example.com", "/api", "api-regex"),
            Routes.Prefix("*.example.com", "/api", "wild"),
            Routes.Prefix("other.com", "/api", "other"));

        Assert.Equal(["root", "api", "api-regex"], table.FindForQuery("Example.com", null).Select(route => route.Target.ClusterId));
        Assert.Equal(["api", "api-regex"], table.FindForQuery("example.com", "/api").Select(route => route.Target.ClusterId));
        Assert.Equal(["wild"], table.FindForQuery("*.example.com", null).Select(route => route.Target.ClusterId));
        Assert.Empty(table.FindForQuery("www.example.com", null));
        Assert.Empty(table.FindForQuery("example.com", "/missing"));
        Assert.Empty(table.FindForQuery("", null));
    }
}
