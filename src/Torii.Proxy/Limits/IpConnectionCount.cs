using System.Collections.Concurrent;
using System.Net;

namespace Torii.Proxy.Limits;

/// <summary>
/// The open connections of one client IP to one cluster. Entered and left with interlocked operations;
/// the entry that drops to zero marks itself retired (-1) and leaves its table, so a table holds only
/// IPs with connections open, and an entry is never revived once retired (a newcomer makes a new one).
/// </summary>
public sealed class IpConnectionCount(ConcurrentDictionary<IPAddress, IpConnectionCount> table, IPAddress address)
{
    private const int Retired = -1;
    private int _count;

    public int Count => Math.Max(Volatile.Read(ref _count), 0);

    /// <summary>Counts one more connection unless the limit is reached.</summary>
    /// <param name="retired">Set when this entry has left its table: look the IP up again.</param>
    public bool TryEnter(ulong limit, out bool retired)
    {
        while (true)
        {
            var current = Volatile.Read(ref _count);
            retired = current == Retired;
            if (retired || (ulong)current >= limit)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _count, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    public void Leave()
    {
        if (Interlocked.Decrement(ref _count) == 0 && Interlocked.CompareExchange(ref _count, Retired, 0) == 0)
        {
            table.TryRemove(KeyValuePair.Create(address, this));
        }
    }
}
