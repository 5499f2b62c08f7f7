using System.Collections.Concurrent;
using System.Net;

namespace Torii.Proxy.Limits;

/// <summary>
/// One cluster's concurrent client connections by source IP, for max_connections_per_ip (Sōzu's
/// per-(cluster, source IP) counters). Touched only for clusters that have a limit.
/// </summary>
public sealed class PerIpConnections
{
    // Made by the first connection counted: most clusters have no limit, and an empty concurrent
    // dictionary costs half a kilobyte per cluster (bench/run.sh scenario s).
    private ConcurrentDictionary<IPAddress, IpConnectionCount>? _byAddress;

    /// <summary>IPs with at least one connection counted.</summary>
    public int AddressCount => Volatile.Read(ref _byAddress)?.Count ?? 0;

    public int CountOf(IPAddress address) =>
        Volatile.Read(ref _byAddress) is { } byAddress && byAddress.TryGetValue(Normalized(address), out var count) ? count.Count : 0;

    /// <returns>The count entered, to leave when the connection closes; null when the IP is at the limit.</returns>
    public IpConnectionCount? TryEnter(IPAddress address, ulong limit)
    {
        var key = Normalized(address);
        var byAddress = Volatile.Read(ref _byAddress) ?? Create();
        while (true)
        {
            var count = byAddress.GetOrAdd(key, static (ip, table) => new IpConnectionCount(table, ip), byAddress);
            if (count.TryEnter(limit, out var retired))
            {
                return count;
            }

            if (!retired)
            {
                return null;
            }

            // The entry just dropped to zero and is leaving the table; the next lookup makes a fresh one.
            byAddress.TryRemove(KeyValuePair.Create(key, count));
        }
    }

    /// <summary>Two threads racing here share the dictionary that won.</summary>
    private ConcurrentDictionary<IPAddress, IpConnectionCount> Create()
    {
        var created = new ConcurrentDictionary<IPAddress, IpConnectionCount>();
        return Interlocked.CompareExchange(ref _byAddress, created, null) ?? created;
    }

    /// <summary>A dual-stack listener sees IPv4 clients as ::ffff:a.b.c.d; they are the same client as a.b.c.d.</summary>
    private static IPAddress Normalized(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
