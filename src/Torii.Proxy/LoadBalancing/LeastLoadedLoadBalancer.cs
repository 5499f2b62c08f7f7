using Torii.Protocol;
using Torii.Proxy.Backends;

namespace Torii.Proxy.LoadBalancing;

/// <summary>
/// Chooses the backend with the fewest active connections per unit of weight.
/// Each pick starts its scan one backend further along, so ties rotate.
/// </summary>
public sealed class LeastLoadedLoadBalancer : ILoadBalancer
{
    private int _rotation = -1;

    public LoadBalancingAlgorithms Algorithm => LoadBalancingAlgorithms.LeastLoaded;

    public bool IsKeyed => false;

    public Backend? Pick(BackendSet set, long nowMs, Backend? exclude = null, ulong key = 0)
    {
        ArgumentNullException.ThrowIfNull(set);
        uint rotation = (uint)Interlocked.Increment(ref _rotation);
        return PickFrom(set.Primary, rotation, nowMs, exclude) ?? PickFrom(set.Backup, rotation, nowMs, exclude);
    }

    private static Backend? PickFrom(BackendTier tier, uint rotation, long nowMs, Backend? exclude)
    {
        ReadOnlySpan<Backend> pickable = tier.Pickable;
        int count = pickable.Length;
        if (count == 0)
        {
            return null;
        }

        int start = (int)(rotation % (uint)count);
        Backend? best = null;
        for (int offset = 0; offset < count; offset++)
        {
            int index = start + offset;
            if (index >= count)
            {
                index -= count;
            }

            Backend candidate = pickable[index];
            if (BackendTier.IsUsable(candidate, nowMs, exclude)
                && (best is null || LoadComparison.IsLessLoaded(candidate, best)))
            {
                best = candidate;
            }
        }

        return best;
    }
}
