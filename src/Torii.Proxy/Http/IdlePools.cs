using System.Collections.Concurrent;

namespace Torii.Proxy.Http;

/// <summary>
/// The backend pools (HTTP/1.1 and h2c) that hold connections the sweeper may have to close. A pool enters when its first connection is kept and
/// leaves once the sweeper finds it empty, so a sweep costs the pools in use, not a walk over every
/// backend of every cluster (80 ms a second with 100,000 clusters: bench/run.sh scenario s).
/// </summary>
internal static class IdlePools
{
    private static readonly ConcurrentDictionary<ISweptPool, byte> Pools = new(ReferenceEqualityComparer.Instance);

    public static int Count => Pools.Count;

    public static void Add(ISweptPool pool) => Pools.TryAdd(pool, 0);

    /// <summary>Closes what has been idle past each pool's timeout and forgets the pools left empty.</summary>
    public static void Sweep(long nowMs)
    {
        foreach (var pool in Pools.Keys)
        {
            pool.CloseIdle(nowMs);
            if (pool.IsEmpty && Pools.TryRemove(pool, out _) && !pool.IsEmpty)
            {
                // A connection was kept between the check and the removal, its registration lost: keep the pool.
                Pools.TryAdd(pool, 0);
            }
        }
    }
}
