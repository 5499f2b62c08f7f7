using Torii.Protocol;
using Torii.Proxy.Backends;

namespace Torii.Proxy.LoadBalancing;

/// <summary>
/// Weighted round robin: each pick takes the next ticket and maps it to a weight slot,
/// so over one cycle every backend is chosen exactly in proportion to its weight.
/// </summary>
public sealed class RoundRobinLoadBalancer : ILoadBalancer
{
    private int _nextTicket = -1;

    public LoadBalancingAlgorithms Algorithm => LoadBalancingAlgorithms.RoundRobin;

    public bool IsKeyed => false;

    public Backend? Pick(BackendSet set, long nowMs, Backend? exclude = null, ulong key = 0)
    {
        ArgumentNullException.ThrowIfNull(set);
        // The ticket wraps at 2^32; the schedule then restarts mid-cycle, which is harmless.
        uint ticket = (uint)Interlocked.Increment(ref _nextTicket);
        return PickFrom(set.Primary, ticket, nowMs, exclude) ?? PickFrom(set.Backup, ticket, nowMs, exclude);
    }

    private static Backend? PickFrom(BackendTier tier, uint ticket, long nowMs, Backend? exclude)
    {
        if (tier.PickableCount == 0)
        {
            return null;
        }

        ulong total = (ulong)tier.TotalWeight;
        ulong stride = (ulong)tier.RoundRobinStride;
        int probes = (int)Math.Min(total, LoadBalancingLimits.MaxProbes);
        int index = 0;
        for (int probe = 0; probe < probes; probe++)
        {
            // An unusable backend's turn goes to a pseudo-random slot rather than to its
            // successor in the schedule, so its share is spread over the others by weight.
            ulong slot = (probe == 0 ? ticket * stride : Scramble(ticket, probe)) % total;
            index = tier.IndexOfSlot((int)slot);
            Backend candidate = tier.PickableAt(index);
            if (BackendTier.IsUsable(candidate, nowMs, exclude))
            {
                return candidate;
            }
        }

        return tier.FirstUsableFrom(index, nowMs, exclude);
    }

    /// <summary>The SplitMix64 finaliser: a cheap, well-mixed function of ticket and probe.</summary>
    private static ulong Scramble(uint ticket, int probe)
    {
        ulong z = ticket + ((ulong)probe * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
