using Torii.Proxy.LoadBalancing;

namespace Torii.Proxy.Tests.LoadBalancing;

public sealed class BackendTierTests
{
    [Fact]
    public void WeightsAreReducedByTheirCommonDivisor()
    {
        var tier = new BackendTier([TestBackends.Create("a", 300), TestBackends.Create("b", 100), TestBackends.Create("c", 200)]);

        Assert.Equal(6, tier.TotalWeight);
    }

    [Fact]
    public void EachSlotBelongsToTheBackendOwningThatWeightRange()
    {
        var tier = new BackendTier([TestBackends.Create("a", 3), TestBackends.Create("b", 1), TestBackends.Create("c", 2)]);

        int[] owners = [.. Enumerable.Range(0, tier.TotalWeight).Select(tier.IndexOfSlot)];

        Assert.Equal([0, 0, 0, 1, 2, 2], owners);
    }

    [Fact]
    public void TheRoundRobinStrideIsCoprimeWithTheTotalWeight()
    {
        foreach (int weight in new[] { 1, 2, 3, 7, 10, 97, 100, 360 })
        {
            var tier = new BackendTier([TestBackends.Create("a", weight), TestBackends.Create("b", 1)]);
            Assert.Equal(1, (int)System.Numerics.BigInteger.GreatestCommonDivisor(tier.RoundRobinStride, tier.TotalWeight));
        }
    }
}
