using Torii.Protocol;
using Torii.Proxy.Backends;

namespace Torii.Proxy.LoadBalancing;

/// <summary>Weighted random choice.</summary>
public sealed class RandomLoadBalancer : ILoadBalancer
{
    private readonly Random _random;

    /// <param name="random">
    /// Source of randomness; defaults to the thread-safe <see cref="Random.Shared"/>.
    /// A seeded instance is not thread-safe and is meant for single-threaded tests.
    /// </param>
    public RandomLoadBalancer(Random? random = null) => _random = random ?? Random.Shared;

    public LoadBalancingAlgorithms Algorithm => LoadBalancingAlgorithms.Random;

    public bool IsKeyed => false;

    public Backend? Pick(BackendSet set, long nowMs, Backend? exclude = null, ulong key = 0)
    {
        ArgumentNullException.ThrowIfNull(set);
        return set.Primary.SampleUsable(_random, nowMs, exclude) ?? set.Backup.SampleUsable(_random, nowMs, exclude);
    }
}
