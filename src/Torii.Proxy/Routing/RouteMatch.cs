using System.Diagnostics.CodeAnalysis;

namespace Torii.Proxy.Routing;

/// <summary>The outcome of <see cref="RouteTable.Match"/>; check <see cref="Found"/> before <see cref="Target"/>.</summary>
public readonly struct RouteMatch
{
    internal RouteMatch(HttpRoute route) => Route = route;

    public static RouteMatch NotFound => default;

    public HttpRoute? Route { get; }

    [MemberNotNullWhen(true, nameof(Route))]
    public bool Found => Route is not null;

    /// <summary>The matched route's target; <see cref="RouteTarget.Deny"/> when nothing matched.</summary>
    public RouteTarget Target => Route?.Target ?? RouteTarget.Deny;

    public override string ToString() => Route?.ToString() ?? "no match";
}
