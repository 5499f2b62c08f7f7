using Torii.Proxy.Backends;
using Torii.Proxy.LoadBalancing;

namespace Torii.Proxy.Tests.LoadBalancing;

public sealed class RoundRobinLoadBalancerTests
{
    [Fact]
    public void EqualWeightsRotateStrictly()
    {
        var balancer = new RoundRobinLoadBalancer();
        BackendSet set = TestBackends.Set(TestBackends.Create("a"), TestBackends.Create("b"), TestBackends.Create("c"));

        string[] picks = [.. Enumerable.Range(0, 30).Select(_ => balancer.Pick(set, 0)!.Id)];

        for (int start = 0; start + 3 <= picks.Length; start++)
        {
            Assert.Equal(3, picks.Skip(start).Take(3).Distinct().Count());
        }
    }

    [Fact]
    public void EachCycleHonoursTheWeightsExactly()
    {
        var balancer = new RoundRobinLoadBalancer();
        BackendSet set = TestBackends.Set(TestBackends.Create("a", 300), TestBackends.Create("b", 100), TestBackends.Create("c", 200));

        Dictionary<string, int> counts = TestBackends.Tally(() => balancer.Pick(set, 0), 6 * 100);

        Assert.Equal(300, counts["a"]);
        Assert.Equal(100, counts["b"]);
        Assert.Equal(200, counts["c"]);
    }

    [Fact]
    public void EveryWindowOfOneCycleHonoursTheWeights()
    {
        var balancer = new RoundRobinLoadBalancer();
        BackendSet set = TestBackends.Set(TestBackends.Create("heavy", 5), TestBackends.Create("x", 1), TestBackends.Create("y", 1));

        string[] picks = [.. Enumerable.Range(0, 70).Select(_ => balancer.Pick(set, 0)!.Id)];

        // Not only aligned cycles: any seven consecutive picks hold the 5:1:1 proportion.
        for (int start = 0; start + 7 <= picks.Length; start++)
        {
            string[] window = picks[start..(start + 7)];
            Assert.Equal(5, window.Count(id => id == "heavy"));
            Assert.Equal(1, window.Count(id => id == "x"));
            Assert.Equal(1, window.Count(id => id == "y"));
        }
    }

    [Fact]
    public void LightBackendsAreSpreadBetweenTheHeavyOnesPicks()
    {
        var balancer = new RoundRobinLoadBalancer();
        BackendSet set = TestBackends.Set(TestBackends.Create("heavy", 5), TestBackends.Create("x", 1), TestBackends.Create("y", 1));

        string[] cycle = [.. Enumerable.Range(0, 7).Select(_ => balancer.Pick(set, 0)!.Id)];
        int x = Array.IndexOf(cycle, "x");
        int y = Array.IndexOf(cycle, "y");

        Assert.True(Math.Abs(x - y) >= 2, $"schedule {string.Join(",", cycle)} puts the light backends together");
    }

    [Fact]
    public void ADownBackendsTurnGoesToTheOthers()
    {
        var balancer = new RoundRobinLoadBalancer();
        Backend down = TestBackends.Create("down");
        BackendSet set = TestBackends.Set(TestBackends.Create("a"), down, TestBackends.Create("c"));
        down.RecordConnectFailure(0);

        Dictionary<string, int> counts = TestBackends.Tally(() => balancer.Pick(set, 1), 3_000);

        Assert.False(counts.ContainsKey("down"));
        Assert.InRange(counts["a"], 1_200, 1_800);
        Assert.InRange(counts["c"], 1_200, 1_800);
    }

    [Fact]
    public void LargeIrregularWeightsFollowTheirProportions()
    {
        var balancer = new RoundRobinLoadBalancer();
        BackendSet set = TestBackends.Set(TestBackends.Create("a", 997), TestBackends.Create("b", 13), TestBackends.Create("c", 1));
        int total = 997 + 13 + 1;

        Dictionary<string, int> counts = TestBackends.Tally(() => balancer.Pick(set, 0), total * 3);

        Assert.Equal(997 * 3, counts["a"]);
        Assert.Equal(13 * 3, counts["b"]);
        Assert.Equal(3, counts["c"]);
    }
}
