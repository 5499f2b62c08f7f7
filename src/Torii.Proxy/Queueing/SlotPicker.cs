using Torii.Proxy.Backends;
using Torii.Proxy.Runtime;

namespace Torii.Proxy.Queueing;

/// <summary>Chooses a backend and takes one of its slots in one step, for clusters whose backends have limits.</summary>
internal static class SlotPicker
{
    /// <summary>A pick can lose its slot to a concurrent one; after this many losses the caller queues.</summary>
    private const int PickAttempts = 3;

    /// <summary>
    /// A backend whose slot is now held, or null when every usable backend is at its limit. A sticky
    /// backend that is up is waited for rather than replaced, as HAProxy keeps a persistent request in
    /// its server's queue; backups serve only while every primary is down, full or not, as in HAProxy.
    /// </summary>
    public static Backend? TryTake(ClusterRuntime cluster, Backend? preferred, long nowMs, ulong key = 0)
    {
        if (preferred is not null)
        {
            return preferred.IsUp(nowMs) && preferred.TryAcquireSlot() ? preferred : null;
        }

        for (var attempt = 0; attempt < PickAttempts; attempt++)
        {
            var backend = cluster.Balancer.Pick(cluster.Backends, nowMs, key: key);
            if (backend is null || (backend.IsBackup && cluster.Backends.Primary.AnyUp(nowMs)))
            {
                return null;
            }

            if (backend.TryAcquireSlot())
            {
                return backend;
            }
        }

        return null;
    }

    /// <summary>Whether waiting can ever end with a slot: some backend that may be picked is up, even if full.</summary>
    public static bool CanServe(ClusterRuntime cluster, Backend? preferred, long nowMs) =>
        preferred?.IsUp(nowMs) == true || cluster.Backends.Primary.AnyUp(nowMs) || cluster.Backends.Backup.AnyUp(nowMs);
}
