using Torii.Protocol;
using Torii.Proxy.Backends;

namespace Torii.Proxy.LoadBalancing;

/// <summary>
/// Highest random weight (rendezvous) hashing: each backend scores the key, the highest usable
/// score wins. A backend that leaves or comes back moves only the keys it wins; one that is down,
/// full or excluded hands each of its keys to that key's next backend in score order.
/// Weighted as in the weighted-rendezvous scheme: score = weight / -ln(u), u the hash in (0, 1).
/// O(n) per pick without allocation; for sets of hundreds of backends MAGLEV's O(1) lookup is the better choice.
/// </summary>
public sealed class HrwLoadBalancer : KeyedLoadBalancer
{
    private const double UnitScale = 1.0 / (1UL << 53);

    public override LoadBalancingAlgorithms Algorithm => LoadBalancingAlgorithms.Hrw;

    private protected override Backend? PickFrom(BackendTier tier, ulong key, long nowMs, Backend? exclude)
    {
        ReadOnlySpan<Backend> pickable = tier.Pickable;
        if (pickable.IsEmpty)
        {
            return null;
        }

        ulong[] idHashes = tier.IdHashes;
        bool uniform = tier.UniformWeights;
        Backend? best = null;
        ulong bestHash = 0;
        double bestScore = double.NegativeInfinity;
        for (int i = 0; i < pickable.Length; i++)
        {
            Backend candidate = pickable[i];
            if (!BackendTier.IsUsable(candidate, nowMs, exclude))
            {
                continue;
            }

            ulong hash = StableHash.Mix(key ^ idHashes[i]);
            if (uniform)
            {
                if (best is null || hash > bestHash)
                {
                    (best, bestHash) = (candidate, hash);
                }

                continue;
            }

            double score = Score(hash, candidate.Weight);
            if (best is null || score > bestScore)
            {
                (best, bestScore) = (candidate, score);
            }
        }

        return best;
    }

    /// <summary>weight / -ln(u) with u uniform in (0, 1) from the top 53 bits of the hash.</summary>
    private static double Score(ulong hash, int weight)
    {
        double unit = ((hash >> 11) + 0.5) * UnitScale;
        return weight / -Math.Log(unit);
    }
}
