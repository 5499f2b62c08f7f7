using System.Net;
using System.Text;
using Torii.Protocol;
using Torii.Proxy.LoadBalancing;
using Torii.Proxy.Runtime;
using Torii.Proxy.State;

namespace Torii.Proxy.Tests.State;

/// <summary>HRW and MAGLEV in the state: cluster updates switch the balancer and its header, and the queue places by key.</summary>
public sealed class ConfigStateKeyedBalancingTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    private readonly ConfigState _state = new(new SnapshotHolder(), DetachedListenerHost.Instance, new ProxyDefaults());

    [Fact]
    public void A_cluster_update_switches_the_balancer_and_its_key_header()
    {
        _state.AddCluster(new Cluster { ClusterId = "db" });
        Assert.False(Cluster().Balancer.IsKeyed);

        _state.AddCluster(new Cluster { ClusterId = "db", LoadBalancing = LoadBalancingAlgorithms.Maglev, LoadBalancingHeader = "X-User" });
        Assert.IsType<MaglevLoadBalancer>(Cluster().Balancer);
        Assert.Equal("X-User", Encoding.ASCII.GetString(Cluster().BalancingHeader!));

        _state.AddCluster(new Cluster { ClusterId = "db", LoadBalancing = LoadBalancingAlgorithms.Hrw });
        Assert.IsType<HrwLoadBalancer>(Cluster().Balancer);
        Assert.Null(Cluster().BalancingHeader);
    }

    [Fact]
    public async Task The_queue_places_a_keyed_request_by_its_key_and_hands_a_freed_slot_to_the_key_waiting_for_it()
    {
        _state.AddCluster(new Cluster { ClusterId = "db", LoadBalancing = LoadBalancingAlgorithms.Hrw });
        _state.AddBackend(Backend("one", 9001));
        _state.AddBackend(Backend("two", 9002));
        var cluster = Cluster();
        var unkeyed = cluster.Balancer.Pick(cluster.Backends, 0)!;
        var key = Enumerable.Range(1, 1000).Select(i => (ulong)i * 0x9E3779B97F4A7C15UL)
            .First(candidate => !ReferenceEquals(cluster.Balancer.Pick(cluster.Backends, 0, key: candidate), unkeyed));

        Assert.True(cluster.Queue.TryAcquireAtOnce(cluster, null, Long, out var first, key));
        Assert.NotSame(unkeyed, first.Backend);
        Assert.True(cluster.Queue.TryAcquireAtOnce(cluster, null, Long, out var second, key));
        Assert.Same(unkeyed, second.Backend);
        var waiting = cluster.Queue.AcquireAsync(cluster, null, Long, CancellationToken.None, key);
        Assert.False(waiting.IsCompleted);

        cluster.Queue.Release(first.Backend!);

        Assert.Same(first.Backend, (await waiting.AsTask().WaitAsync(TimeSpan.FromSeconds(10))).Backend);
    }

    private ClusterRuntime Cluster() => _state.Snapshot.Clusters["db"];

    private static AddBackend Backend(string id, int port) => new()
    {
        ClusterId = "db",
        BackendId = id,
        Address = SocketAddresses.ToProto(new IPEndPoint(IPAddress.Loopback, port)),
        MaxConnections = 1,
    };
}
