using Torii.Proxy.Routing;

namespace Torii.Proxy.Tests.Routing;

public sealed class RouteTableScaleTests
{
    private const int HostCount = 10_000;

    private static RouteTable LargeTable()
    {
        RouteTable table = RouteTable.Empty;
        for (int i = 0; i < HostCount; i++)
        {
            table = table.Add(Routes.Prefix($"host{i}.example.com", "/", $"cluster{i}"))
                .Add(Routes.Exact($"host{i}.example.com", "/health", $"health{i}"));
        }

        return table;
    }

    [Fact]
    public void AChangeToOneHostSharesEveryOtherHostsEntry()
    {
        RouteTable before = LargeTable();
        HostRoutes untouchedBefore = before.FindEntry("host1234.example.com")!;
        HostRoutes changedBefore = before.FindEntry("host42.example.com")!;

        RouteTable after = before.Add(Routes.Prefix("host42.example.com", "/api", "api"));

        Assert.Same(untouchedBefore, after.FindEntry("host1234.example.com"));
        Assert.NotSame(changedBefore, after.FindEntry("host42.example.com"));
        Assert.Equal(2, changedBefore.Routes.Count);
        Assert.Equal(3, after.FindEntry("host42.example.com")!.Routes.Count);

        RouteTable removed = after.Remove(Routes.Prefix("host42.example.com", "/api", "api"));
        Assert.Same(untouchedBefore, removed.FindEntry("host1234.example.com"));
    }

    [Fact]
    public void EveryHostOfALargeTableStillRoutes()
    {
        RouteTable table = LargeTable().Add(Routes.Prefix("new.example.com", "/", "new"));

        Assert.Equal(2 * HostCount + 1, table.Count);
        Assert.Equal(HostCount + 1, table.HostCount);
        for (int i = 0; i < HostCount; i += 97)
        {
            Assert.Equal($"cluster{i}", table.Target($"HOST{i}.example.com", "/x"));
            Assert.Equal($"health{i}", table.Target($"host{i}.example.com:80", "/health"));
        }

        Assert.Equal("new", table.Target("new.example.com", "/"));
    }

    [Fact]
    public void AddingAnotherRouteToAHostKeepsItsCompiledRegex()
    {
        RouteTable table = Routes.Table(Routes.Regex("example.com", "^/r", "regex"));
        PathGroup group = table.FindEntry("example.com")!.FindGroup(Torii.Protocol.PathRuleKind.Regex, "^/r")!;

        RouteTable next = table
            .Add(Routes.Prefix("example.com", "/p", "prefix"))
            .Add(Routes.Regex("example.com", "^/r", "regex-get", method: "GET"));

        Assert.Same(group.Regex, next.FindEntry("example.com")!.FindGroup(Torii.Protocol.PathRuleKind.Regex, "^/r")!.Regex);
    }
}
