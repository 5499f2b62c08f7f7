using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using Torii.Protocol;

namespace Torii.Proxy.Routing;

/// <summary>
/// Every route of one hostname (exact or wildcard) on one listener, grouped by path
/// rule and ordered for matching. Immutable; a change rebuilds only this host's arrays.
/// </summary>
internal sealed class HostRoutes
{
    private readonly HttpRoute[] _routes;
    private readonly PathGroup[] _equalsGroups;
    private readonly PathGroup[] _regexGroups;
    private readonly PathGroup[] _prefixGroups;

    private HostRoutes(string hostname, HttpRoute[] routes, PathGroup[] equalsGroups, PathGroup[] regexGroups, PathGroup[] prefixGroups)
    {
        Hostname = hostname;
        _routes = routes;
        _equalsGroups = equalsGroups;
        _regexGroups = regexGroups;
        _prefixGroups = prefixGroups;
    }

    /// <summary>Lowercase, without trailing dot.</summary>
    public string Hostname { get; }

    /// <summary>The routes in the order they were added.</summary>
    public IReadOnlyList<HttpRoute> Routes => _routes;

    public static HostRoutes CreateEmpty(string normalizedHostname) =>
        new(normalizedHostname, [], [], [], []);

    // Compared with the name's characters, not a copy of it in bytes: that array was 40 bytes a host (bench/run.sh scenario s).
    public bool IsNamed(ReadOnlySpan<byte> host) => Ascii.EqualsIgnoreCase(host, Hostname);

    /// <summary>True for the entry "*.rest".</summary>
    public bool IsWildcardFor(ReadOnlySpan<byte> rest) =>
        Hostname.Length == rest.Length + 2
        && Hostname.StartsWith("*.", StringComparison.Ordinal)
        && Ascii.EqualsIgnoreCase(rest, Hostname.AsSpan(2));

    public PathGroup? FindGroup(PathRuleKind kind, string pathValue)
    {
        foreach (PathGroup group in GroupsOf(kind))
        {
            if (group.Matches(kind, pathValue))
            {
                return group;
            }
        }

        return null;
    }

    /// <summary>The stored route with the same identity (kind, path, method), if any.</summary>
    public HttpRoute? FindSame(HttpRoute route) => FindGroup(route.Kind, route.PathValue)?.Find(route.Method);

    /// <summary>
    /// Adds a route whose identity is not present. <paramref name="newRegex"/> is the
    /// compiled pattern when the route opens a new regex group.
    /// </summary>
    public HostRoutes With(HttpRoute route, Regex? newRegex)
    {
        HttpRoute[] routes = [.. _routes, route];
        PathGroup? group = FindGroup(route.Kind, route.PathValue);
        if (group is not null)
        {
            return WithGroups(routes, Replace(GroupsOf(route.Kind), group, group.With(route)), route.Kind);
        }

        PathGroup created = PathGroup.Create(route.Kind, route.PathValue, newRegex).With(route);
        PathGroup[] groups = route.Kind == PathRuleKind.Prefix
            ? InsertByDescendingLength(_prefixGroups, created)
            : [.. GroupsOf(route.Kind), created];
        return WithGroups(routes, groups, route.Kind);
    }

    /// <summary>Removes a stored route (as returned by <see cref="FindSame"/>); null when the host is left empty.</summary>
    public HostRoutes? Without(HttpRoute stored)
    {
        if (_routes.Length == 1)
        {
            return null;
        }

        HttpRoute[] routes = Array.FindAll(_routes, route => !ReferenceEquals(route, stored));
        PathGroup group = FindGroup(stored.Kind, stored.PathValue)
            ?? throw new InvalidOperationException($"route {stored} is not indexed");
        PathGroup remaining = group.Without(stored);
        PathGroup[] groups = remaining.IsEmpty
            ? Array.FindAll(GroupsOf(stored.Kind), candidate => !ReferenceEquals(candidate, group))
            : Replace(GroupsOf(stored.Kind), group, remaining);
        return WithGroups(routes, groups, stored.Kind);
    }

    /// <summary>EQUALS, then REGEX in insertion order, then the longest PREFIX.</summary>
    public HttpRoute? Match(ReadOnlySpan<byte> path, ReadOnlySpan<byte> method)
    {
        foreach (PathGroup group in _equalsGroups)
        {
            if (path.SequenceEqual(group.PathBytes))
            {
                HttpRoute? route = group.Select(method);
                if (route is not null)
                {
                    return route;
                }

                break;
            }
        }

        if (_regexGroups.Length > 0)
        {
            HttpRoute? route = MatchRegex(path, method);
            if (route is not null)
            {
                return route;
            }
        }

        foreach (PathGroup group in _prefixGroups)
        {
            if (path.StartsWith(group.PathBytes))
            {
                HttpRoute? route = group.Select(method);
                if (route is not null)
                {
                    return route;
                }
            }
        }

        return null;
    }

    private HttpRoute? MatchRegex(ReadOnlySpan<byte> path, ReadOnlySpan<byte> method)
    {
        char[]? rented = null;
        Span<char> buffer = path.Length <= RegexPathMatcher.StackBufferChars
            ? stackalloc char[RegexPathMatcher.StackBufferChars]
            : (rented = ArrayPool<char>.Shared.Rent(path.Length));
        try
        {
            // Latin-1 maps every byte to one char, so any path decodes without failure.
            int length = Encoding.Latin1.GetChars(path, buffer);
            ReadOnlySpan<char> text = buffer[..length];
            foreach (PathGroup group in _regexGroups)
            {
                if (RegexPathMatcher.IsMatch(group.Regex!, text))
                {
                    HttpRoute? route = group.Select(method);
                    if (route is not null)
                    {
                        return route;
                    }
                }
            }

            return null;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private PathGroup[] GroupsOf(PathRuleKind kind) => kind switch
    {
        PathRuleKind.Equals => _equalsGroups,
        PathRuleKind.Regex => _regexGroups,
        _ => _prefixGroups,
    };

    private HostRoutes WithGroups(HttpRoute[] routes, PathGroup[] groups, PathRuleKind kind) => kind switch
    {
        PathRuleKind.Equals => new HostRoutes(Hostname, routes, groups, _regexGroups, _prefixGroups),
        PathRuleKind.Regex => new HostRoutes(Hostname, routes, _equalsGroups, groups, _prefixGroups),
        _ => new HostRoutes(Hostname, routes, _equalsGroups, _regexGroups, groups),
    };

    private static PathGroup[] Replace(PathGroup[] groups, PathGroup old, PathGroup replacement)
    {
        var copy = (PathGroup[])groups.Clone();
        copy[Array.IndexOf(copy, old)] = replacement;
        return copy;
    }

    private static PathGroup[] InsertByDescendingLength(PathGroup[] groups, PathGroup added)
    {
        int position = 0;
        while (position < groups.Length && groups[position].PathBytes.Length >= added.PathBytes.Length)
        {
            position++;
        }

        return [.. groups.AsSpan(0, position), added, .. groups.AsSpan(position)];
    }
}
