using Torii.Protocol;
using Torii.Proxy.Runtime;
using Torii.Proxy.State;

namespace Torii.Proxy.Tests.State;

/// <summary>
/// The state keeps a backend, not the add_backend request that made it, and gives the request back from the backend:
/// queries, their hashes and a saved state must still say exactly what was asked, optional fields and all.
/// </summary>
public sealed class BackendRequestsTests
{
    private readonly ConfigState _state = new(new SnapshotHolder(), DetachedListenerHost.Instance, new ProxyDefaults());

    public BackendRequestsTests() => _state.AddCluster(new Cluster { ClusterId = "a" });

    public static TheoryData<AddBackend> Requests() =>
    [
        new AddBackend { ClusterId = "a", BackendId = "bare", Address = SocketAddresses.Parse("127.0.0.1:9001") },
        new AddBackend { ClusterId = "a", BackendId = "sticky", Address = SocketAddresses.Parse("127.0.0.1:9002"), StickyId = "s1" },
        new AddBackend { ClusterId = "a", BackendId = "empty-sticky", Address = SocketAddresses.Parse("127.0.0.1:9003"), StickyId = string.Empty },
        new AddBackend { ClusterId = "a", BackendId = "weighted", Address = SocketAddresses.Parse("127.0.0.1:9004"), LoadBalancingParameters = new LoadBalancingParams { Weight = 40 } },
        new AddBackend { ClusterId = "a", BackendId = "parameters-without-weight", Address = SocketAddresses.Parse("127.0.0.1:9005"), LoadBalancingParameters = new LoadBalancingParams() },
        new AddBackend { ClusterId = "a", BackendId = "drained", Address = SocketAddresses.Parse("127.0.0.1:9006"), LoadBalancingParameters = new LoadBalancingParams { Weight = 0 } },
        new AddBackend { ClusterId = "a", BackendId = "backup", Address = SocketAddresses.Parse("127.0.0.1:9007"), Backup = true },
        new AddBackend { ClusterId = "a", BackendId = "not-backup", Address = SocketAddresses.Parse("127.0.0.1:9008"), Backup = false },
        new AddBackend { ClusterId = "a", BackendId = "limited", Address = SocketAddresses.Parse("127.0.0.1:9009"), MaxConnections = 12 },
        new AddBackend { ClusterId = "a", BackendId = "unlimited", Address = SocketAddresses.Parse("127.0.0.1:9010"), MaxConnections = 0 },
        new AddBackend { ClusterId = "a", BackendId = "v6", Address = SocketAddresses.Parse("[2001:db8::1]:443") },
        new AddBackend
        {
            ClusterId = "a", BackendId = "everything", Address = SocketAddresses.Parse("10.1.2.3:8080"), StickyId = "s2",
            LoadBalancingParameters = new LoadBalancingParams { Weight = 7 }, Backup = true, MaxConnections = 3,
        },
    ];

    [Theory]
    [MemberData(nameof(Requests))]
    public void A_backend_is_given_back_as_the_request_that_added_it(AddBackend request)
    {
        var asked = request.Clone();

        _state.AddBackend(request);

        Assert.Equal(asked, _state.QueryClusterById("a").Vec.Single().Backends.Single());
        Assert.Equal(asked, _state.GenerateRequests().Single(saved => saved.RequestTypeCase == Request.RequestTypeOneofCase.AddBackend).AddBackend);
    }

    [Fact]
    public void A_saved_state_replays_into_the_same_backends_and_hashes()
    {
        foreach (var request in Requests())
        {
            _state.AddBackend(request);
        }

        var replayed = new ConfigState(new SnapshotHolder(), DetachedListenerHost.Instance, new ProxyDefaults());
        foreach (var saved in _state.GenerateRequests())
        {
            switch (saved.RequestTypeCase)
            {
                case Request.RequestTypeOneofCase.AddCluster:
                    replayed.AddCluster(saved.AddCluster);
                    break;
                case Request.RequestTypeOneofCase.AddBackend:
                    replayed.AddBackend(saved.AddBackend);
                    break;
            }
        }

        // Health answers carry when each backend appeared; the backends themselves must be the same.
        Assert.Equal(_state.QueryClusterById("a").Vec.Single().Backends, replayed.QueryClusterById("a").Vec.Single().Backends);
        Assert.Equal(_state.QueryClustersHashes(), replayed.QueryClustersHashes());
        Assert.Equal(
            _state.Snapshot.Clusters["a"].Backends.All.ToArray().Select(backend => (backend.Id, backend.Weight, backend.IsBackup, backend.StickyId, backend.MaxConnections, backend.Address)),
            replayed.Snapshot.Clusters["a"].Backends.All.ToArray().Select(backend => (backend.Id, backend.Weight, backend.IsBackup, backend.StickyId, backend.MaxConnections, backend.Address)));
    }
}
