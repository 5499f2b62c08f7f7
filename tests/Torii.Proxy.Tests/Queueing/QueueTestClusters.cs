using Torii.Protocol;
using Torii.Proxy.Backends;
using Torii.Proxy.Http;
using Torii.Proxy.LoadBalancing;
using Torii.Proxy.Metrics;
using Torii.Proxy.Queueing;
using Torii.Proxy.Runtime;
using Torii.Proxy.Tests.LoadBalancing;

namespace Torii.Proxy.Tests.Queueing;

internal static class QueueTestClusters
{
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>A cluster runtime over <paramref name="backends"/> whose queue sees it, as ConfigState publishes one.</summary>
    public static ClusterRuntime Create(params Backend[] backends)
    {
        var runtime = new ClusterRuntime(new Cluster { ClusterId = TestBackends.ClusterId }, BackendSet.Create(backends), new RoundRobinLoadBalancer(), DefaultAnswers.None, new TrafficMetrics());
        runtime.Queue.Update(runtime);
        return runtime;
    }

    /// <summary>A cluster of one backend with one slot, already taken: the next request must wait.</summary>
    public static (ClusterRuntime Cluster, Backend Backend) CreateFull()
    {
        var backend = TestBackends.Create("a", maxConnections: 1);
        var cluster = Create(backend);
        Assert.True(backend.TryAcquireSlot());
        return (cluster, backend);
    }

    /// <summary>The same cluster with other backends, keeping its queue, as an add or remove publishes it.</summary>
    public static ClusterRuntime WithBackends(ClusterRuntime cluster, params Backend[] backends)
    {
        var next = cluster with { Backends = BackendSet.Create(backends) };
        next.Queue.Update(next);
        return next;
    }

    public static async Task<SlotGrant> Granted(ValueTask<SlotGrant> wait) => await wait.AsTask().WaitAsync(Patience);
}
