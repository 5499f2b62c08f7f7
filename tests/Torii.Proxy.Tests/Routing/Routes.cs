using System.Text;
using Torii.Protocol;
using Torii.Proxy.Routing;

namespace Torii.Proxy.Tests.Routing;

internal static class Routes
{
    public static HttpRoute Prefix(string host, string prefix, string cluster, string? method = null) =>
        new(host, PathRuleKind.Prefix, prefix, method, RouteTarget.ForCluster(cluster));

    public static HttpRoute Exact(string host, string path, string cluster, string? method = null) =>
        new(host, PathRuleKind.Equals, path, method, RouteTarget.ForCluster(cluster));

    public static HttpRoute Regex(string host, string pattern, string cluster, string? method = null) =>
        new(host, PathRuleKind.Regex, pattern, method, RouteTarget.ForCluster(cluster));

    public static HttpRoute Deny(string host, string prefix) =>
        new(host, PathRuleKind.Prefix, prefix, null, RouteTarget.Deny);

    public static RouteTable Table(params HttpRoute[] routes)
    {
        RouteTable table = RouteTable.Empty;
        foreach (HttpRoute route in routes)
        {
            table = table.Add(route);
        }

        return table;
    }

    /// <summary>The cluster id a request goes to, "deny" for a deny route, or null when nothing matches.</summary>
    public static string? Target(this RouteTable table, string host, string path, string method = "GET")
    {
        RouteMatch match = table.Match(Encoding.ASCII.GetBytes(host), Encoding.ASCII.GetBytes(path), Encoding.ASCII.GetBytes(method));
        return match.Found ? match.Target.ToString() : null;
    }
}
