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
    // up straight from its bytes. A bucket is one HostRoutes, or an array of the (rare) hosts
    // whose hashes collide: an array for every host was 32 bytes a host at 100,000 hosts
    // (bench/run.sh scenario s).
    private readonly ImmutableDictionary<ulong, object> _hosts;

    private RouteTable(ImmutableDictionary<ulong, object> hosts, int count, int hostCount)
    {
        _hosts = hosts;
        Count = count;
        HostCount = hostCount;
    }

    public static RouteTable Empty { get; } = new(ImmutableDictionary<ulong, object>.Empty, 0, 0);

    /// <summary>Number of routes.</summary>
    public int Count { get; }

    /// <summary>Number of distinct hostnames, wildcards included.</summary>
    public int HostCount { get; }

    /// <summary>Every route, grouped by host, each host's routes in the order they were added.</summary>
    public IEnumerable<HttpRoute> AllRoutes =>
        _hosts.Values.SelectMany(Entries).SelectMany(static host => host.Routes);

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
        object? bucket = _hosts.GetValueOrDefault(key);
        HostRoutes? entry = FindByName(bucket, hostname);
        HttpRoute? stored = entry?.FindSame(route);
        if (entry is null || stored is null)
        {
            error = $"no route {route}";
            return false;
        }

        HostRoutes? remaining = entry.Without(stored);
        object? nextBucket = Bucket(Entries(bucket), entry, remaining);
        ImmutableDictionary<ulong, object> hosts = nextBucket is null ? _hosts.Remove(key) : _hosts.SetItem(key, nextBucket);
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
        object? bucket = _hosts.GetValueOrDefault(key);
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
        object nextBucket = Bucket(Entries(bucket), entry, updated)!;
        table = new RouteTable(_hosts.SetItem(key, nextBucket), Count + 1, entry is null ? HostCount + 1 : HostCount);
        error = null;
        return true;
    }

    private HostRoutes? FindExact(ReadOnlySpan<byte> host) => Find(HostHash.Compute(host), host, wildcard: false);

    private HostRoutes? FindWildcard(ReadOnlySpan<byte> rest) => Find(HostHash.ComputeWildcard(rest), rest, wildcard: true);

    /// <summary>The host of bucket <paramref name="key"/> named <paramref name="name"/>, or the wildcard "*.name".</summary>
    private HostRoutes? Find(ulong key, ReadOnlySpan<byte> name, bool wildcard)
    {
        if (!_hosts.TryGetValue(key, out object? bucket))
        {
            return null;
        }

        if (bucket is HostRoutes single)
        {
            return Names(single, name, wildcard) ? single : null;
        }

        foreach (HostRoutes entry in (HostRoutes[])bucket)
        {
            if (Names(entry, name, wildcard))
            {
                return entry;
            }
        }

        return null;
    }

    private static bool Names(HostRoutes entry, ReadOnlySpan<byte> name, bool wildcard) =>
        wildcard ? entry.IsWildcardFor(name) : entry.IsNamed(name);

    private static HostRoutes? FindByName(object? bucket, string normalizedHostname)
    {
        foreach (HostRoutes entry in Entries(bucket))
        {
            if (entry.Hostname == normalizedHostname)
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>The hosts of a bucket: none, its one host, or its colliding hosts (a copy: for changes, not lookups).</summary>
    internal static HostRoutes[] Entries(object? bucket) => bucket switch
    {
        null => [],
        HostRoutes single => [single],
        _ => (HostRoutes[])bucket,
    };

    /// <summary>
    /// The bucket holding <paramref name="entries"/> with <paramref name="old"/> replaced by <paramref name="replacement"/>
    /// (added when old is null, removed when replacement is null); null when no host is left.
    /// </summary>
    internal static object? Bucket(HostRoutes[] entries, HostRoutes? old, HostRoutes? replacement)
    {
        HostRoutes[] kept = old is null ? entries : Array.FindAll(entries, entry => !ReferenceEquals(entry, old));
        HostRoutes[] next = replacement is null ? kept : [.. kept, replacement];
        return next.Length switch
        {
            0 => null,
            1 => next[0],
            _ => next,
        };
    }
}
