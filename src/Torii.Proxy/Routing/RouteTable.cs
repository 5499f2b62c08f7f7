using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;
using Torii.Protocol;

namespace Torii.Proxy.Routing;

/// <summary>
/// The HTTP routes of one listener address. Immutable: <see cref="Add"/> and
/// <see cref="Remove"/> return a new table that shares every untouched host, so a
/// change costs O(log hosts + routes of that host). <see cref="Match"/> is lock-free
/// and allocation-free.
/// </summary>
public sealed class RouteTable
{
    // Keyed by the case-folded hash of the hostname so that a Host header can be looked
    // up straight from its bytes; the arrays hold the (rare) hosts whose hashes collide.
    private readonly ImmutableDictionary<ulong, HostRoutes[]> _hosts;

    private RouteTable(ImmutableDictionary<ulong, HostRoutes[]> hosts, int count, int hostCount)
    {
        _hosts = hosts;
        Count = count;
        HostCount = hostCount;
    }

    public static RouteTable Empty { get; } = new(ImmutableDictionary<ulong, HostRoutes[]>.Empty, 0, 0);

    /// <summary>Number of routes.</summary>
    public int Count { get; }

    /// <summary>Number of distinct hostnames, wildcards included.</summary>
    public int HostCount { get; }

    /// <summary>Every route, grouped by host, each host's routes in the order they were added.</summary>
    public IEnumerable<HttpRoute> AllRoutes =>
        _hosts.Values.SelectMany(static bucket => bucket).SelectMany(static host => host.Routes);

    /// <summary>Adds a route. Throws <see cref="ArgumentException"/> for an invalid route and
    /// <see cref="InvalidOperationException"/> when the same rule already exists.</summary>
    public RouteTable Add(HttpRoute route)
    {
        if (TryAdd(route, out RouteTable? table, out string? error, out bool isInvalid))
        {
            return table;
        }

        throw isInvalid ? new ArgumentException(error, nameof(route)) : new InvalidOperationException(error);
    }

    public bool TryAdd(HttpRoute route, [NotNullWhen(true)] out RouteTable? table, [NotNullWhen(false)] out string? error) =>
        TryAdd(route, out table, out error, out _);

    /// <summary>Removes the route with the same rule (hostname, kind, path, method), whatever its target.
    /// Throws <see cref="InvalidOperationException"/> when there is none.</summary>
    public RouteTable Remove(HttpRoute route)
    {
        if (TryRemove(route, out RouteTable? table, out string? error))
        {
            return table;
        }

        throw new InvalidOperationException(error);
    }

    public bool TryRemove(HttpRoute route, [NotNullWhen(true)] out RouteTable? table, [NotNullWhen(false)] out string? error)
    {
        table = null;
        if (!RouteValidator.TryValidate(route, out string? hostname, out error))
        {
            return false;
        }

        ulong key = HostHash.Compute(Encoding.UTF8.GetBytes(hostname));
        HostRoutes[]? bucket = _hosts.GetValueOrDefault(key);
        HostRoutes? entry = FindByName(bucket, hostname);
        HttpRoute? stored = entry?.FindSame(route);
        if (entry is null || stored is null)
        {
            error = $"no route {route}";
            return false;
        }

        HostRoutes? remaining = entry.Without(stored);
        HostRoutes[] nextBucket = remaining is null
            ? Array.FindAll(bucket!, candidate => !ReferenceEquals(candidate, entry))
            : ReplaceInBucket(bucket!, entry, remaining);
        ImmutableDictionary<ulong, HostRoutes[]> hosts = nextBucket.Length == 0 ? _hosts.Remove(key) : _hosts.SetItem(key, nextBucket);
        table = new RouteTable(hosts, Count - 1, remaining is null ? HostCount - 1 : HostCount);
        return true;
    }

    /// <summary>
    /// Finds the route for a request. The host comes from the Host header (port, trailing
    /// dot and case ignored); the query string is not part of the matched path. The exact
    /// host is tried first, then the wildcard covering its first label.
    /// </summary>
    public RouteMatch Match(ReadOnlySpan<byte> hostHeader, ReadOnlySpan<byte> path, ReadOnlySpan<byte> method)
    {
        ReadOnlySpan<byte> host = HostName.FromHeader(hostHeader);
        if (host.IsEmpty || _hosts.IsEmpty)
        {
            return RouteMatch.NotFound;
        }

        int query = path.IndexOf((byte)'?');
        if (query >= 0)
        {
            path = path[..query];
        }

        HttpRoute? route = FindExact(host)?.Match(path, method);
        if (route is null)
        {
            int dot = host.IndexOf((byte)'.');
            if (dot > 0 && dot < host.Length - 1)
            {
                route = FindWildcard(host[(dot + 1)..])?.Match(path, method);
            }
        }

        return route is null ? RouteMatch.NotFound : new RouteMatch(route);
    }

    /// <summary>
    /// The routes declared for exactly this hostname (a wildcard is found by its literal
    /// name), restricted to those whose path value equals <paramref name="path"/> when given,
    /// as Sōzu's query_clusters_by_domain does.
    /// </summary>
    public IReadOnlyList<HttpRoute> FindForQuery(string hostname, string? path)
    {
        if (!HostName.TryNormalize(hostname, out string? normalized, out _))
        {
            return [];
        }

        HostRoutes? entry = FindEntry(normalized);
        if (entry is null)
        {
            return [];
        }

        return path is null
            ? [.. entry.Routes]
            : [.. entry.Routes.Where(route => route.PathValue == path)];
    }

    /// <summary>The per-host entry, exposed so tests can observe structural sharing.</summary>
    internal HostRoutes? FindEntry(string normalizedHostname) =>
        FindByName(_hosts.GetValueOrDefault(HostHash.Compute(Encoding.UTF8.GetBytes(normalizedHostname))), normalizedHostname);

    private bool TryAdd(
        HttpRoute route,
        [NotNullWhen(true)] out RouteTable? table,
        [NotNullWhen(false)] out string? error,
        out bool isInvalid)
    {
        table = null;
        isInvalid = true;
        if (!RouteValidator.TryValidate(route, out string? hostname, out error))
        {
            return false;
        }

        ulong key = HostHash.Compute(Encoding.UTF8.GetBytes(hostname));
        HostRoutes[]? bucket = _hosts.GetValueOrDefault(key);
        HostRoutes? entry = FindByName(bucket, hostname);
        if (entry?.FindSame(route) is { } existing)
        {
            isInvalid = false;
            error = $"a route with the same rule already exists: {existing}";
            return false;
        }

        Regex? regex = null;
        if (route.Kind == PathRuleKind.Regex
            && entry?.FindGroup(PathRuleKind.Regex, route.PathValue) is null
            && !RegexPathMatcher.TryCompile(route.PathValue, out regex, out error))
        {
            return false;
        }

        HostRoutes updated = (entry ?? HostRoutes.CreateEmpty(hostname)).With(route, regex);
        HostRoutes[] nextBucket = entry is null ? [.. bucket ?? [], updated] : ReplaceInBucket(bucket!, entry, updated);
        table = new RouteTable(_hosts.SetItem(key, nextBucket), Count + 1, entry is null ? HostCount + 1 : HostCount);
        error = null;
        return true;
    }

    private HostRoutes? FindExact(ReadOnlySpan<byte> host)
    {
        if (_hosts.TryGetValue(HostHash.Compute(host), out HostRoutes[]? bucket))
        {
            foreach (HostRoutes entry in bucket)
            {
                if (entry.IsNamed(host))
                {
                    return entry;
                }
            }
        }

        return null;
    }

    private HostRoutes? FindWildcard(ReadOnlySpan<byte> rest)
    {
        if (_hosts.TryGetValue(HostHash.ComputeWildcard(rest), out HostRoutes[]? bucket))
        {
            foreach (HostRoutes entry in bucket)
            {
                if (entry.IsWildcardFor(rest))
                {
                    return entry;
                }
            }
        }

        return null;
    }

    private static HostRoutes? FindByName(HostRoutes[]? bucket, string normalizedHostname)
    {
        foreach (HostRoutes entry in bucket ?? [])
        {
            if (entry.Hostname == normalizedHostname)
            {
                return entry;
            }
        }

        return null;
    }

    private static HostRoutes[] ReplaceInBucket(HostRoutes[] bucket, HostRoutes old, HostRoutes replacement)
    {
        var copy = (HostRoutes[])bucket.Clone();
        copy[Array.IndexOf(copy, old)] = replacement;
        return copy;
    }
}
