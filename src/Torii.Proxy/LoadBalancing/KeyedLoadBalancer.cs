using Torii.Protocol;
using Torii.Proxy.Backends;

namespace Torii.Proxy.LoadBalancing;

/// <summary>What HRW and MAGLEV share: a pick placed by its key, in the primary tier, else in the backups.</summary>
public abstract class KeyedLoadBalancer : ILoadBalancer
{
    public abstract LoadBalancingAlgorithms Algorithm { get; }

    public bool IsKeyed => true;

    public Backend? Pick(BackendSet set, long nowMs, Backend? exclude = null, ulong key = 0)
    {
        ArgumentNullException.ThrowIfNull(set);
        return PickFrom(set.Primary, key, nowMs, exclude) ?? PickFrom(set.Backup, key, nowMs, exclude);
    }

    /// <summary>The usable backend of the tier that the key goes to, or null when none can serve.</summary>
    private protected abstract Backend? PickFrom(BackendTier tier, ulong key, long nowMs, Backend? exclude);
}
