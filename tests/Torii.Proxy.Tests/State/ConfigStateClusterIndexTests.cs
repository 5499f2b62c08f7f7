using Torii.Protocol;
using Torii.Proxy.Runtime;
using Torii.Proxy.State;

namespace Torii.Proxy.Tests.State;

/// <summary>
/// Each cluster keeps its own frontends and backends (scenario s: 100,000 clusters), so a cluster's
/// answer, hash and removal must stay exactly what a scan of the whole state gave.
/// </summary>
public sealed class ConfigStateClusterIndexTests
{
    private static readonly SocketAddress Http = SocketAddresses.Parse("127.0.0.1:18080");
    private static readonly SocketAddress Https = SocketAddresses.Parse("127.0.0.1:18443");
    private readonly ConfigState _state = new(new SnapshotHolder(), DetachedListenerHost.Instance, new ProxyDefaults());

    public ConfigStateClusterIndexTests()
    {
        _state.AddHttpListener(new HttpListenerConfig { Address = Http.Clone() });
        _state.AddHttpsListener(new HttpsListenerConfig { Address = Https.Clone() });
        _state.AddCluster(new Cluster { ClusterId = "a" });
        _state.AddCluster(new Cluster { ClusterId = "b" });
    }

    [Fact]
    public void A_cluster_lists_its_own_frontends_in_the_order_they_were_added()
    {
        _state.AddHttpFrontend(Frontend("a", Http, "one.test"));
        _state.AddHttpFrontend(Frontend("b", Http, "other.test"));
        _state.AddHttpFrontend(Frontend("a", Http, "two.test"));
        _state.AddHttpsFrontend(Frontend("a", Https, "secure.test"));
        _state.AddHttpFrontend(Frontend("a", Http, "three.test"));

        _state.RemoveHttpFrontend(Frontend("a", Http, "two.test"));

        var a = _state.QueryClusterById("a").Vec.Single();
        Assert.Equal(["one.test", "three.test"], a.HttpFrontends.Select(f => f.Hostname));
        Assert.Equal(["secure.test"], a.HttpsFrontends.Select(f => f.Hostname));
        Assert.Equal(["other.test"], _state.QueryClusterById("b").Vec.Single().HttpFrontends.Select(f => f.Hostname));
    }

    [Fact]
    public void Removing_a_cluster_removes_its_frontends_and_routes_and_keeps_the_others()
    {
        _state.AddHttpFrontend(Frontend("a", Http, "one.test"));
        _state.AddHttpsFrontend(Frontend("a", Https, "secure.test"));
        _state.AddHttpFrontend(Frontend("b", Http, "other.test"));

        _state.RemoveCluster("a");

        var listed = _state.ListFrontends(null);
        Assert.Equal(["other.test"], listed.HttpFrontends.Select(f => f.Hostname));
        Assert.Empty(listed.HttpsFrontends);
        var endPoint = SocketAddresses.ToEndPoint(Http);
        Assert.Equal(["other.test"], _state.Snapshot.RoutesFor(endPoint).AllRoutes.Select(route => route.Hostname));
        Assert.Equal(0, _state.Snapshot.RoutesFor(SocketAddresses.ToEndPoint(Https)).Count);

        // The same rule can be added again, to the remaining cluster.
        _state.AddHttpFrontend(Frontend("b", Http, "one.test"));
        Assert.Equal(2, _state.QueryClusterById("b").Vec.Single().HttpFrontends.Count);
    }

    [Fact]
    public void A_cluster_hash_follows_every_change_of_that_cluster_and_only_of_it()
    {
        var initial = _state.QueryClustersHashes().Map;
        var hashOfA = initial["a"];

        _state.AddBackend(new AddBackend { ClusterId = "a", BackendId = "a1", Address = SocketAddresses.Parse("127.0.0.1:9001") });
        var withBackend = _state.QueryClustersHashes().Map;
        Assert.NotEqual(hashOfA, withBackend["a"]);
        Assert.Equal(initial["b"], withBackend["b"]);

        _state.AddHttpFrontend(Frontend("a", Http, "one.test"));
        var withFrontend = _state.QueryClustersHashes().Map["a"];
        Assert.NotEqual(withBackend["a"], withFrontend);

        _state.AddCluster(new Cluster { ClusterId = "a", StickySession = true });
        var updated = _state.QueryClustersHashes().Map["a"];
        Assert.NotEqual(withFrontend, updated);

        // Undoing the changes gives the first hash back: the hash is of the cluster, not of its history.
        _state.AddCluster(new Cluster { ClusterId = "a" });
        _state.RemoveHttpFrontend(Frontend("a", Http, "one.test"));
        _state.RemoveBackend(new RemoveBackend { ClusterId = "a", BackendId = "a1" });
        Assert.Equal(hashOfA, _state.QueryClustersHashes().Map["a"]);
    }

    [Fact]
    public void Hashes_computed_on_every_core_are_those_computed_one_by_one()
    {
        // 5,000 clusters to hash are hashed in parallel; a handful, on the calling thread.
        var large = new ConfigState(new SnapshotHolder(), DetachedListenerHost.Instance, new ProxyDefaults());
        var small = new ConfigState(new SnapshotHolder(), DetachedListenerHost.Instance, new ProxyDefaults());
        foreach (var state in new[] { large, small })
        {
            state.AddHttpListener(new HttpListenerConfig { Address = Http.Clone() });
        }

        for (var i = 0; i < 5_000; i++)
        {
            foreach (var state in i < 10 ? new[] { large, small } : [large])
            {
                state.AddCluster(new Cluster { ClusterId = $"c{i}", StickySession = i % 2 == 0 });
                state.AddBackend(new AddBackend { ClusterId = $"c{i}", BackendId = $"b{i}", Address = SocketAddresses.Parse($"127.0.0.1:{9000 + (i % 1000)}") });
                state.AddHttpFrontend(Frontend($"c{i}", Http, $"h{i}.test"));
            }
        }

        var parallel = large.QueryClustersHashes().Map;
        var sequential = small.QueryClustersHashes().Map;

        Assert.Equal(5_000, parallel.Count);
        Assert.Equal(sequential, parallel.Where(pair => sequential.ContainsKey(pair.Key)).ToDictionary());
        Assert.Equal(5_000, parallel.Values.Distinct().Count());
    }

    [Fact]
    public void Only_clusters_with_a_health_check_are_in_the_checked_clusters()
    {
        var none = _state.Snapshot.CheckedClusters;
        Assert.Empty(none);

        _state.AddBackend(new AddBackend { ClusterId = "a", BackendId = "a1", Address = SocketAddresses.Parse("127.0.0.1:9001") });
        Assert.Same(none, _state.Snapshot.CheckedClusters);

        _state.SetHealthCheck(new SetHealthCheck { ClusterId = "b", Config = new HealthCheckConfig { Uri = "/health", Interval = 2, Timeout = 1 } });
        var checkedB = _state.Snapshot.CheckedClusters;
        Assert.Equal(["b"], checkedB.Keys);
        Assert.Same(_state.Snapshot.Clusters["b"], checkedB["b"]);

        _state.AddBackend(new AddBackend { ClusterId = "a", BackendId = "a2", Address = SocketAddresses.Parse("127.0.0.1:9002") });
        Assert.Same(checkedB, _state.Snapshot.CheckedClusters);

        _state.AddBackend(new AddBackend { ClusterId = "b", BackendId = "b1", Address = SocketAddresses.Parse("127.0.0.1:9003") });
        Assert.Same(_state.Snapshot.Clusters["b"], _state.Snapshot.CheckedClusters["b"]);

        _state.RemoveHealthCheck("b");
        Assert.Empty(_state.Snapshot.CheckedClusters);

        _state.SetHealthCheck(new SetHealthCheck { ClusterId = "a", Config = new HealthCheckConfig { Uri = "/health", Interval = 2, Timeout = 1 } });
        _state.RemoveCluster("a");
        Assert.Empty(_state.Snapshot.CheckedClusters);
    }

    [Fact]
    public void A_cluster_keeps_its_backends_in_order_across_the_switch_from_scanned_to_indexed()
    {
        // Up to eight backends a cluster scans an array; the ninth moves them to a dictionary.
        var ids = Enumerable.Range(1, 12).Select(i => $"a{i}").ToList();
        foreach (var (id, port) in ids.Select((id, i) => (id, 9001 + i)))
        {
            _state.AddBackend(new AddBackend { ClusterId = "a", BackendId = id, Address = SocketAddresses.Parse($"127.0.0.1:{port}") });
        }

        _state.RemoveBackend(new RemoveBackend { ClusterId = "a", BackendId = "a3" });
        _state.RemoveBackend(new RemoveBackend { ClusterId = "a", BackendId = "a10" });
        ids.Remove("a3");
        ids.Remove("a10");

        Assert.Equal(ids, _state.QueryClusterById("a").Vec.Single().Backends.Select(backend => backend.BackendId));
        var duplicate = Assert.Throws<CommandException>(() =>
            _state.AddBackend(new AddBackend { ClusterId = "a", BackendId = "a11", Address = SocketAddresses.Parse("127.0.0.1:9100") }));
        Assert.Contains("127.0.0.1:9011", duplicate.Message);
        Assert.Throws<CommandException>(() => _state.RemoveBackend(new RemoveBackend { ClusterId = "a", BackendId = "a3" }));
    }

    [Fact]
    public void Below_the_switch_a_removed_backend_can_be_added_again_and_the_order_holds()
    {
        foreach (var id in new[] { "x", "y", "z" })
        {
            _state.AddBackend(new AddBackend { ClusterId = "b", BackendId = id, Address = SocketAddresses.Parse("127.0.0.1:9001") });
        }

        _state.RemoveBackend(new RemoveBackend { ClusterId = "b", BackendId = "y" });
        Assert.Throws<CommandException>(() => _state.RemoveBackend(new RemoveBackend { ClusterId = "b", BackendId = "y" }));
        _state.AddBackend(new AddBackend { ClusterId = "b", BackendId = "y", Address = SocketAddresses.Parse("127.0.0.1:9002") });

        Assert.Equal(["x", "z", "y"], _state.QueryClusterById("b").Vec.Single().Backends.Select(backend => backend.BackendId));
        Assert.Equal(["x", "z", "y"], _state.Snapshot.Clusters["b"].Backends.All.ToArray().Select(backend => backend.Id));
    }

    [Fact]
    public void Frontends_keep_their_listener_s_address_objects_and_still_say_their_address()
    {
        var first = Frontend("a", Http, "one.test");
        var second = Frontend("b", Http, "two.test");
        Assert.NotSame(first.Address, second.Address);

        _state.AddHttpFrontend(first);
        _state.AddHttpFrontend(second);

        var listener = _state.Listeners.Single(entry => entry.Settings.Address.Equals(SocketAddresses.ToEndPoint(Http)));
        Assert.Same(listener.Address, first.Address);
        Assert.Same(listener.Address, second.Address);
        Assert.Same(listener.Settings.Address, _state.Snapshot.HttpRoutes.Keys.Single(key => key.Equals(listener.Settings.Address)));
        Assert.Equal(
            [SocketAddresses.Format(Http), SocketAddresses.Format(Http)],
            _state.ListFrontends(null).HttpFrontends.Select(frontend => SocketAddresses.Format(frontend.Address)));
        Assert.Equal(2, _state.Snapshot.RoutesFor(SocketAddresses.ToEndPoint(Http)).Count);

        // Removed by an address of its own, equal to the listener's.
        _state.RemoveHttpFrontend(Frontend("a", Http, "one.test"));
        Assert.Equal(["two.test"], _state.ListFrontends(null).HttpFrontends.Select(frontend => frontend.Hostname));
    }

    [Fact]
    public void Kept_clusters_and_frontends_without_answers_or_tags_share_one_empty_map_and_copies_get_their_own()
    {
        _state.AddCluster(new Cluster { ClusterId = "answering", Answers = { ["503"] = "HTTP/1.1 503 Busy\r\n\r\n" } });
        var tagged = Frontend("a", Http, "tagged.test");
        tagged.Tags["owner"] = "team-a";
        var plain = Frontend("b", Http, "plain.test");
        _state.AddHttpFrontend(tagged);
        _state.AddHttpFrontend(plain);

        var a = _state.Snapshot.Clusters["a"].Config;
        var b = _state.Snapshot.Clusters["b"].Config;
        Assert.Same(a.Answers, b.Answers);
        Assert.Empty(a.Answers);
        Assert.Equal("HTTP/1.1 503 Busy\r\n\r\n", _state.Snapshot.Clusters["answering"].Config.Answers["503"]);
        Assert.NotSame(a.Answers, _state.Snapshot.Clusters["answering"].Config.Answers);

        // An update replaces the kept message; the new one shares the map too.
        _state.AddCluster(new Cluster { ClusterId = "a", StickySession = true });
        Assert.Same(b.Answers, _state.Snapshot.Clusters["a"].Config.Answers);

        var listed = _state.ListFrontends(null).HttpFrontends.ToDictionary(frontend => frontend.Hostname);
        Assert.Equal("team-a", listed["tagged.test"].Tags["owner"]);
        Assert.Empty(listed["plain.test"].Tags);
        Assert.Same(b.Answers, listed["plain.test"].Tags);

        // A copy is the caller's to change: its map is its own, and the kept messages stay empty.
        var copy = listed["plain.test"].Clone();
        copy.Tags["owner"] = "team-b";
        var updated = new Cluster(b) { Answers = { ["404"] = "HTTP/1.1 404 Gone\r\n\r\n" } };
        Assert.Single(updated.Answers);
        Assert.Empty(b.Answers);
        Assert.Empty(_state.ListFrontends(null).HttpFrontends.Single(frontend => frontend.Hostname == "plain.test").Tags);
        Assert.Empty(_state.QueryClusterById("b").Vec.Single().Configuration.Answers);
    }

    private static RequestHttpFrontend Frontend(string clusterId, SocketAddress address, string hostname) =>
        new() { ClusterId = clusterId, Address = address.Clone(), Hostname = hostname };
}
