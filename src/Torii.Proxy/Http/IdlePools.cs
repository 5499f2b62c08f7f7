using System.Collections.Concurrent;

namespace Torii.Proxy.Http;

/// <summary>
/// The backend pools that hold idle connections. A pool enters when its first connection is kept and
/// leaves once the sweeper finds it empty, so a sweep costs the pools in use, not a walk over every
/// backend of every cluster (80 ms a second with 100,000 clusters: bench/run.sh scenario s).
/// </summary>
internal static class IdlePools
{
    private static readonly ConcurrentDictionary<BackendConnectionPool, byte> Pools = new(ReferenceEqualityComparer.Instance);

    public static int Count => Pools.Count;

    public static void Add(BackendConnectionPool pool) => Pools.TryAdd(pool, 0);

    /// <summary>Closes what has been idle past each pool's timeout and forgets the pools left empty.</summary>
    public static void Sweep(long nowMs)
    {
        foreach (var pool in Pools.Keys)
        {
            pool.CloseIdle(nowMs);
            if (pool.IdleCount == 0 && Pools.TryRemove(pool, out _) && pool.IdleCount > 0)
            {
                // A connection was kept between the check and the removal, its registration lost: keep the pool.
                Pools.TryAdd(pool, 0);
            }
        }
    }
}
