using Torii.Protocol;

namespace Torii.Proxy.LoadBalancing;

public static class LoadBalancerFactory
{
    public static ILoadBalancer Create(LoadBalancingAlgorithms algorithm) => algorithm switch
    {
        LoadBalancingAlgorithms.RoundRobin => new RoundRobinLoadBalancer(),
        LoadBalancingAlgorithms.Random => new RandomLoadBalancer(),
        LoadBalancingAlgorithms.LeastLoaded => new LeastLoadedLoadBalancer(),
        LoadBalancingAlgorithms.PowerOfTwo => new PowerOfTwoLoadBalancer(),
        LoadBalancingAlgorithms.Hrw => new HrwLoadBalancer(),
        LoadBalancingAlgorithms.Maglev => new MaglevLoadBalancer(),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "unknown load balancing algorithm"),
    };
}
