using System.Text;
using System.Text.RegularExpressions;

namespace Torii.Proxy.Routing;

/// <summary>
/// What a request's host and path matched in its frontend: $HOST[0] is the whole host,
/// $HOST[1] the label a "*." wildcard stood for; $PATH[0] is the whole path (without query),
/// $PATH[1..] the groups of a regex path rule. Computed only for frontends that rewrite, after
/// the allocation-free match found them.
/// </summary>
public sealed class RouteCaptures
{
    private RouteCaptures(string[] host, string[] path)
    {
        Host = host;
        Path = path;
    }

    public IReadOnlyList<string> Host { get; }

    public IReadOnlyList<string> Path { get; }

    /// <param name="routeHostname">The frontend's normalized hostname, "*.rest" for a wildcard.</param>
    /// <param name="pathRegex">The frontend's path regex when its rule is REGEX; null otherwise.</param>
    public static RouteCaptures Of(string routeHostname, Regex? pathRegex, ReadOnlySpan<byte> hostHeader, ReadOnlySpan<byte> path)
    {
        var host = Encoding.Latin1.GetString(HostName.FromHeader(hostHeader)).ToLowerInvariant();
        string[] hostCaptures = routeHostname.StartsWith("*.", StringComparison.Ordinal) && host.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot
            ? [host, host[..dot]]
            : [host];

        var query = path.IndexOf((byte)'?');
        var pathText = Encoding.Latin1.GetString(query >= 0 ? path[..query] : path);
        if (pathRegex is null)
        {
            return new RouteCaptures(hostCaptures, [pathText]);
        }

        var match = MatchOrEmpty(pathRegex, pathText);
        var groups = new string[Math.Max(match.Groups.Count, 1)];
        groups[0] = pathText;
        for (var index = 1; index < groups.Length; index++)
        {
            groups[index] = match.Groups[index].Success ? match.Groups[index].Value : string.Empty;
        }

        return new RouteCaptures(hostCaptures, groups);
    }

    private static Match MatchOrEmpty(Regex regex, string path)
    {
        try
        {
            return regex.Match(path);
        }
        catch (RegexMatchTimeoutException)
        {
            return Match.Empty;
        }
    }
}
