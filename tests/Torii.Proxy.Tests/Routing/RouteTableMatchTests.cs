using System.Text;
using Torii.Proxy.Routing;

namespace Torii.Proxy.Tests.Routing;

public sealed class RouteTableMatchTests
{
    [Fact]
    public void AnEmptyTableMatchesNothing()
    {
        Assert.Null(RouteTable.Empty.Target("example.com", "/"));
        Assert.False(RouteTable.Empty.Match("example.com"u8, "/"u8, "GET"u8).Found);
    }

    [Fact]
    public void TheMatchCarriesTheRoute()
    {
        HttpRoute route = Routes.Prefix("example.com", "/", "web");
        RouteMatch match = Routes.Table(route).Match("example.com"u8, "/index.html"u8, "GET"u8);

        Assert.True(match.Found);
        Assert.Same(route, match.Route);
        Assert.Equal("web", match.Target.ClusterId);
    }

    [Fact]
    public void AnUnknownHostMatchesNothing()
    {
        RouteTable table = Routes.Table(Routes.Prefix("example.com", "/", "web"));

        Assert.Null(table.Target("other.com", "/"));
        Assert.Null(table.Target("", "/"));
    }

    [Fact]
    public void EqualsBeatsRegexAndPrefix()
    {
        RouteTable table = Routes.Table(
            Routes.Prefix("example.com", "/api", "prefix"),
            Routes.Regex("example.com", "^/api/.*$", "regex"),
            Routes.Exact("example.com", "/api/health", "equals"));

        Assert.Equal("equals", table.Target("example.com", "/api/health"));
        Assert.Equal("regex", table.Target("example.com", "/api/health/deep"));
        Assert.Equal("prefix", table.Target("example.com", "/api"));
    }

    [Fact]
    public void RegexBeatsEvenTheLongestPrefix()
    {
        RouteTable table = Routes.Table(
            Routes.Prefix("example.com", "/static/images/", "prefix"),
            Routes.Regex("example.com", @"\.png$", "regex"));

        Assert.Equal("regex", table.Target("example.com", "/static/images/logo.png"));
        Assert.Equal("prefix", table.Target("example.com", "/static/images/logo.svg"));
    }

    [Fact]
    public void RegexesAreTriedInInsertionOrder()
    {
        RouteTable table = Routes.Table(
            Routes.Regex("example.com", "^/a", "first"),
            Routes.Regex("example.com", "^/ab", "second"));

        Assert.Equal("first", table.Target("example.com", "/abc"));
    }

    [Fact]
    public void RegexesAreUnanchoredUnlessThePatternSaysSo()
    {
        RouteTable table = Routes.Table(Routes.Regex("example.com", "users/[0-9]+", "users"));

        Assert.Equal("users", table.Target("example.com", "/v1/users/42/profile"));
        Assert.Null(table.Target("example.com", "/v1/users/me"));
    }

    [Fact]
    public void TheLongestPrefixWins()
    {
        RouteTable table = Routes.Table(
            Routes.Prefix("example.com", "/", "root"),
            Routes.Prefix("example.com", "/api/v2", "v2"),
            Routes.Prefix("example.com", "/api", "api"));

        Assert.Equal("v2", table.Target("example.com", "/api/v2/items"));
        Assert.Equal("api", table.Target("example.com", "/api/v1/items"));
        Assert.Equal("root", table.Target("example.com", "/about"));
    }

    [Fact]
    public void AnEmptyPrefixMatchesEveryPath()
    {
        RouteTable table = Routes.Table(Routes.Prefix("example.com", "", "all"));

        Assert.Equal("all", table.Target("example.com", "/anything"));
        Assert.Equal("all", table.Target("example.com", "*"));
    }

    [Fact]
    public void PathsAreCaseSensitive()
    {
        RouteTable table = Routes.Table(Routes.Exact("example.com", "/Login", "login"));

        Assert.Equal("login", table.Target("example.com", "/Login"));
        Assert.Null(table.Target("example.com", "/login"));
    }

    [Fact]
    public void TheQueryStringIsNotPartOfThePath()
    {
        RouteTable table = Routes.Table(
            Routes.Exact("example.com", "/health", "health"),
            Routes.Regex("example.com", "^/search$", "search"),
            Routes.Prefix("example.com", "/x?", "never"));

        Assert.Equal("health", table.Target("example.com", "/health?verbose=1"));
        Assert.Equal("search", table.Target("example.com", "/search?q=torii"));
        Assert.Null(table.Target("example.com", "/x?y"));
    }

    [Fact]
    public void AMethodRouteMatchesOnlyItsMethod()
    {
        RouteTable table = Routes.Table(Routes.Prefix("example.com", "/upload", "upload", method: "POST"));

        Assert.Equal("upload", table.Target("example.com", "/upload", "POST"));
        Assert.Null(table.Target("example.com", "/upload", "GET"));
        Assert.Null(table.Target("example.com", "/upload", "post"));
    }

    [Fact]
    public void AMethodRouteBeatsTheAnyMethodRouteOfTheSameRule()
    {
        RouteTable table = Routes.Table(
            Routes.Prefix("example.com", "/items", "read"),
            Routes.Prefix("example.com", "/items", "write", method: "POST"),
            Routes.Prefix("example.com", "/items", "delete", method: "DELETE"));

        Assert.Equal("read", table.Target("example.com", "/items/1", "GET"));
        Assert.Equal("write", table.Target("example.com", "/items/1", "POST"));
        Assert.Equal("delete", table.Target("example.com", "/items/1", "DELETE"));
    }

    [Fact]
    public void AMethodRouteOfAnotherMethodFallsThroughToTheNextRule()
    {
        RouteTable table = Routes.Table(
            Routes.Prefix("example.com", "/", "root"),
            Routes.Prefix("example.com", "/api", "api-post", method: "POST"),
            Routes.Exact("example.com", "/api/x", "exact-put", method: "PUT"));

        Assert.Equal("exact-put", table.Target("example.com", "/api/x", "PUT"));
        Assert.Equal("api-post", table.Target("example.com", "/api/x", "POST"));
        Assert.Equal("root", table.Target("example.com", "/api/x", "GET"));
    }

    [Fact]
    public void RuleKindPrecedenceComesBeforeMethodPrecedence()
    {
        RouteTable table = Routes.Table(
            Routes.Exact("example.com", "/a", "equals-any"),
            Routes.Regex("example.com", "^/a$", "regex-get", method: "GET"));

        Assert.Equal("equals-any", table.Target("example.com", "/a", "GET"));
    }

    [Fact]
    public void MethodsApplyToRegexGroups()
    {
        RouteTable table = Routes.Table(
            Routes.Regex("example.com", "^/r", "regex-any"),
            Routes.Regex("example.com", "^/r", "regex-get", method: "GET"));

        Assert.Equal("regex-get", table.Target("example.com", "/r", "GET"));
        Assert.Equal("regex-any", table.Target("example.com", "/r", "HEAD"));
    }

    [Fact]
    public void HostsAreMatchedCaseInsensitivelyIgnoringPortAndTrailingDot()
    {
        RouteTable table = Routes.Table(Routes.Prefix("Example.COM", "/", "web"));

        Assert.Equal("web", table.Target("example.com", "/"));
        Assert.Equal("web", table.Target("EXAMPLE.com", "/"));
        Assert.Equal("web", table.Target("example.com:8080", "/"));
        Assert.Equal("web", table.Target("Example.Com.", "/"));
        Assert.Equal("web", table.Target("example.com.:443", "/"));
        Assert.Null(table.Target("example.co", "/"));
        Assert.Null(table.Target("www.example.com", "/"));
    }

    [Fact]
    public void AConfiguredTrailingDotIsIgnored()
    {
        RouteTable table = Routes.Table(Routes.Prefix("example.com.", "/", "web"));

        Assert.Equal("web", table.Target("example.com", "/"));
    }

    [Fact]
    public void IpLiteralHostsAreMatched()
    {
        RouteTable table = Routes.Table(
            Routes.Prefix("127.0.0.1", "/", "v4"),
            Routes.Prefix("[::1]", "/", "v6"));

        Assert.Equal("v4", table.Target("127.0.0.1:8080", "/"));
        Assert.Equal("v6", table.Target("[::1]:8080", "/"));
    }

    [Fact]
    public void AWildcardCoversExactlyOneLabel()
    {
        RouteTable table = Routes.Table(Routes.Prefix("*.example.com", "/", "wild"));

        Assert.Equal("wild", table.Target("www.example.com", "/"));
        Assert.Equal("wild", table.Target("API.Example.Com:8443", "/"));
        Assert.Null(table.Target("example.com", "/"));
        Assert.Null(table.Target("a.b.example.com", "/"));
        Assert.Null(table.Target("wwwexample.com", "/"));
        Assert.Null(table.Target(".example.com", "/"));
    }

    [Fact]
    public void TheExactHostBeatsTheWildcard()
    {
        RouteTable table = Routes.Table(
            Routes.Prefix("*.example.com", "/", "wild"),
            Routes.Prefix("www.example.com", "/", "exact"));

        Assert.Equal("exact", table.Target("www.example.com", "/"));
        Assert.Equal("wild", table.Target("api.example.com", "/"));
    }

    [Fact]
    public void WhenTheExactHostHasNoMatchingPathTheWildcardIsTried()
    {
        RouteTable table = Routes.Table(
            Routes.Prefix("*.example.com", "/", "wild"),
            Routes.Prefix("www.example.com", "/admin", "admin"),
            Routes.Prefix("www.example.com", "/upload", "upload", method: "POST"));

        Assert.Equal("admin", table.Target("www.example.com", "/admin/users"));
        Assert.Equal("wild", table.Target("www.example.com", "/blog"));
        Assert.Equal("wild", table.Target("www.example.com", "/upload", "GET"));
    }

    [Fact]
    public void ADenyRouteReportsADenyTarget()
    {
        RouteTable table = Routes.Table(
            Routes.Prefix("example.com", "/", "web"),
            Routes.Deny("example.com", "/private"));

        RouteMatch match = table.Match("example.com"u8, "/private/keys"u8, "GET"u8);

        Assert.True(match.Found);
        Assert.True(match.Target.IsDeny);
        Assert.Equal("web", table.Target("example.com", "/public"));
    }

    [Fact]
    public void PathsLongerThanTheStackBufferAreStillMatchedByRegex()
    {
        RouteTable table = Routes.Table(Routes.Regex("example.com", "^/long/x+/end$", "long"));
        string path = "/long/" + new string('x', 5_000) + "/end";

        Assert.Equal("long", table.Target("example.com", path));
        Assert.Null(table.Target("example.com", path + "/more"));
    }

    [Fact]
    public void NonAsciiPathBytesDoNotBreakRegexMatching()
    {
        RouteTable table = Routes.Table(
            Routes.Regex("example.com", "^/caf", "cafe"),
            Routes.Prefix("example.com", "/", "root"));
        byte[] path = [.. "/caf"u8, 0xC3, 0xA9];

        Assert.Equal("cafe", table.Match("example.com"u8, path, "GET"u8).Target.ClusterId);
        Assert.Equal("root", table.Match("example.com"u8, [(byte)'/', 0xFF], "GET"u8).Target.ClusterId);
    }

    [Fact]
    public void UnicodePrefixesMatchTheirUtf8Bytes()
    {
        RouteTable table = Routes.Table(Routes.Prefix("example.com", "/café", "cafe"));

        Assert.Equal("cafe", table.Match("example.com"u8, Encoding.UTF8.GetBytes("/café/menu"), "GET"u8).Target.ClusterId);
    }

    [Fact]
    public void ACatastrophicRegexTimesOutAsNoMatchWithoutThrowing()
    {
        RouteTable table = Routes.Table(
            Routes.Regex("example.com", "^/(a+)+$", "evil"),
            Routes.Prefix("example.com", "/", "fallback"));
        string path = "/" + new string('a', 40) + "!";

        Assert.Equal("fallback", table.Target("example.com", path));
        Assert.Equal("evil", table.Target("example.com", "/aaaa"));
    }
}
