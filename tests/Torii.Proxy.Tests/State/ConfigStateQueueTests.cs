using System.Net;
using Torii.Protocol;
using Torii.Proxy.Queueing;
using Torii.Proxy.Runtime;
using Torii.Proxy.State;

namespace Torii.Proxy.Tests.State;

/// <summary>How changes to the state reach the requests waiting in a cluster's queue.</summary>
public sealed class ConfigStateQueueTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    private readonly ConfigState _state = new(new SnapshotHolder(), DetachedListenerHost.Instance, new ProxyDefaults());

    [Fact]
    public async Task A_cluster_update_keeps_the_queue_and_a_new_backend_serves_its_waiters()
    {
        _state.AddCluster(new Cluster { ClusterId = "db" });
        _state.AddBackend(Backend("one", 9001, maxConnections: 1));
        var cluster = Cluster();
        Assert.Equal(1, cluster.Backends.Find("one")!.MaxConnections);
        Assert.True(cluster.Queue.TryAcquireAtOnce(cluster, null, Long, out var held));
        var waiting = cluster.Queue.AcquireAsync(cluster, null, Long, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        _state.AddCluster(new Cluster { ClusterId = "db", QueueTimeout = 9 });
        Assert.Same(cluster.Queue, Cluster().Queue);
        Assert.Equal(TimeSpan.FromSeconds(9), Cluster().QueueTimeout(TimeSpan.FromSeconds(3)));
        Assert.Equal(1, Cluster().Queue.Length);

        _state.AddBackend(Backend("two", 9002, maxConnections: 1));

        var grant = await waiting.AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("two", grant.Backend!.Id);
        Assert.Equal("one", held.Backend!.Id);
    }

    [Fact]
    public async Task Removing_the_cluster_ends_the_wait_without_a_backend()
    {
        _state.AddCluster(new Cluster { ClusterId = "db" });
        _state.AddBackend(Backend("one", 9001, maxConnections: 1));
        var cluster = Cluster();
        Assert.True(cluster.Queue.TryAcquireAtOnce(cluster, null, Long, out _));
        var waiting = cluster.Queue.AcquireAsync(cluster, null, Long, CancellationToken.None);

        _state.RemoveCluster("db");

        Assert.Equal(SlotWaitOutcome.NoBackend, (await waiting.AsTask().WaitAsync(TimeSpan.FromSeconds(10))).Outcome);
    }

    [Fact]
    public void Without_a_queue_timeout_the_connect_timeout_bounds_the_wait()
    {
        _state.AddCluster(new Cluster { ClusterId = "db" });

        Assert.Equal(TimeSpan.FromSeconds(3), Cluster().QueueTimeout(TimeSpan.FromSeconds(3)));
    }

    private ClusterRuntime Cluster() => _state.Snapshot.Clusters["db"];

    private static AddBackend Backend(string id, int port, uint maxConnections) => new()
    {
        ClusterId = "db",
        BackendId = id,
        Address = SocketAddresses.ToProto(new IPEndPoint(IPAddress.Loopback, port)),
        MaxConnections = maxConnections,
    };
}
