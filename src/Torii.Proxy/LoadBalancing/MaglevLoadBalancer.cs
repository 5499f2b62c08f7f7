using Torii.Protocol;
using Torii.Proxy.Backends;

namespace Torii.Proxy.LoadBalancing;

/// <summary>
/// Maglev consistent hashing: a key's slot in the tier's <see cref="MaglevTable"/> names its backend,
/// an O(1) lookup. The table holds every pickable backend whether up or not, so health changes move
/// no key of a healthy backend. A key whose backend is down, full or excluded is placed again by a
/// fixed sequence of rehashes of the same key, then by a scan from a slot of the key: the same
/// fallback for the same key and state, never a random one.
/// </summary>
public sealed class MaglevLoadBalancer : KeyedLoadBalancer
{
    public override LoadBalancingAlgorithms Algorithm => LoadBalancingAlgorithms.Maglev;

    private protected override Backend? PickFrom(BackendTier tier, ulong key, long nowMs, Backend? exclude)
    {
        ReadOnlySpan<Backend> pickable = tier.Pickable;
        if (pickable.IsEmpty)
        {
            return null;
        }

        MaglevTable table = tier.Maglev;
        ulong size = (ulong)table.Size;
        ulong probeKey = key;
        for (int probe = 0; probe < LoadBalancingLimits.MaxProbes; probe++)
        {
            Backend candidate = pickable[table[(int)(probeKey % size)]];
            if (BackendTier.IsUsable(candidate, nowMs, exclude))
            {
                return candidate;
            }

            probeKey = StableHash.Mix(probeKey + 0x9E3779B97F4A7C15UL);
        }

        return tier.FirstUsableFrom(table[(int)(key % size)], nowMs, exclude);
    }
}
