using Torii.Protocol;
using Torii.Proxy.Backends;

namespace Torii.Proxy.LoadBalancing;

/// <summary>
/// Power of two choices: draws two backends at random by weight and keeps the one
/// with fewer active connections per unit of weight.
/// </summary>
public sealed class PowerOfTwoLoadBalancer : ILoadBalancer
{
    private readonly Random _random;

    /// <param name="random">
    /// Source of randomness; defaults to the thread-safe <see cref="Random.Shared"/>.
    /// A seeded instance is not thread-safe and is meant for single-threaded tests.
    /// </param>
    public PowerOfTwoLoadBalancer(Random? random = null) => _random = random ?? Random.Shared;

    public LoadBalancingAlgorithms Algorithm => LoadBalancingAlgorithms.PowerOfTwo;

    public bool IsKeyed => false;

    public Backend? Pick(BackendSet set, long nowMs, Backend? exclude = null, ulong key = 0)
    {
        ArgumentNullException.ThrowIfNull(set);
        return PickFrom(set.Primary, nowMs, exclude) ?? PickFrom(set.Backup, nowMs, exclude);
    }

    private Backend? PickFrom(BackendTier tier, long nowMs, Backend? exclude)
    {
        Backend? first = tier.SampleUsable(_random, nowMs, exclude);
        if (first is null)
        {
            return null;
        }

        Backend? second = tier.SampleUsable(_random, nowMs, exclude);
        return second is not null && LoadComparison.IsLessLoaded(second, first) ? second : first;
    }
}
