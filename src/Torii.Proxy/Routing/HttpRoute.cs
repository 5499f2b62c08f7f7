using Torii.Protocol;
using Torii.Proxy.Actions;

namespace Torii.Proxy.Routing;

/// <summary>
/// One HTTP frontend rule of a listener. Two routes are the same rule when hostname
/// (case-insensitively, trailing dot ignored), path kind, path value and method agree;
/// the target is what the rule does, not what identifies it.
/// </summary>
/// <param name="Hostname">An exact name, or "*.rest" for any single label in front of rest.</param>
/// <param name="PathValue">The prefix, the exact path, or the regular expression, by <paramref name="Kind"/>.</param>
/// <param name="Method">Null matches every method; otherwise compared exactly (methods are case-sensitive).</param>
/// <param name="Actions">Redirects, auth, rewrites, header edits, HSTS; null for a frontend that only forwards.</param>
public sealed record HttpRoute(string Hostname, PathRuleKind Kind, string PathValue, string? Method, RouteTarget Target, FrontendActions? Actions = null)
{
    public override string ToString()
    {
        string rule = Kind switch
        {
            PathRuleKind.Equals => $"path = '{PathValue}'",
            PathRuleKind.Regex => $"path ~ '{PathValue}'",
            _ => $"path prefix '{PathValue}'",
        };
        var actions = Actions is null ? string.Empty : $" ({Actions})";
        return $"{Hostname} {rule} method {Method ?? "any"} -> {Target}{actions}";
    }
}
