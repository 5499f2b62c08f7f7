using Torii.Protocol;
using Torii.Proxy.LoadBalancing;

namespace Torii.Proxy.Tests.LoadBalancing;

public sealed class LoadBalancerFactoryTests
{
    [Theory]
    [InlineData(LoadBalancingAlgorithms.RoundRobin, typeof(RoundRobinLoadBalancer))]
    [InlineData(LoadBalancingAlgorithms.Random, typeof(RandomLoadBalancer))]
    [InlineData(LoadBalancingAlgorithms.LeastLoaded, typeof(LeastLoadedLoadBalancer))]
    [InlineData(LoadBalancingAlgorithms.PowerOfTwo, typeof(PowerOfTwoLoadBalancer))]
    [InlineData(LoadBalancingAlgorithms.Hrw, typeof(HrwLoadBalancer))]
    [InlineData(LoadBalancingAlgorithms.Maglev, typeof(MaglevLoadBalancer))]
    public void EachAlgorithmHasItsBalancer(LoadBalancingAlgorithms algorithm, Type expected)
    {
        ILoadBalancer balancer = LoadBalancerFactory.Create(algorithm);

        Assert.IsType(expected, balancer);
        Assert.Equal(algorithm, balancer.Algorithm);
    }

    [Fact]
    public void AnUnknownAlgorithmIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LoadBalancerFactory.Create((LoadBalancingAlgorithms)99));
    }
}
