using System.Net;
using Torii.Protocol;
using Torii.Proxy.Limits;
using Torii.Proxy.Runtime;
using Torii.Proxy.State;

namespace Torii.Proxy.Tests.State;

/// <summary>The global max_connections_per_ip and the cluster overrides, as the state holds them.</summary>
public sealed class ConfigStatePerIpLimitTests
{
    private readonly ConfigState _state = new(new SnapshotHolder(), DetachedListenerHost.Instance, new ProxyDefaults());

    [Fact]
    public void Set_limit_is_queried_back_and_saved_first_in_the_state()
    {
        Assert.Equal(0UL, _state.QueryMaxConnectionsPerIp().Limit);
        _state.AddCluster(new Cluster { ClusterId = "app" });

        _state.SetMaxConnectionsPerIp(7);

        Assert.Equal(7UL, _state.QueryMaxConnectionsPerIp().Limit);
        var saved = _state.GenerateRequests().ToList();
        Assert.Equal(7UL, saved[0].SetMaxConnectionsPerIp);
        Assert.Equal(Request.RequestTypeOneofCase.SetMaxConnectionsPerIp, saved[0].RequestTypeCase);
    }

    [Fact]
    public void No_limit_writes_no_request()
    {
        _state.SetMaxConnectionsPerIp(3);
        _state.SetMaxConnectionsPerIp(0);

        Assert.DoesNotContain(_state.GenerateRequests(), request => request.RequestTypeCase == Request.RequestTypeOneofCase.SetMaxConnectionsPerIp);
    }

    [Fact]
    public void Cluster_value_overrides_the_global_one_and_absent_inherits_it()
    {
        _state.SetMaxConnectionsPerIp(4);
        _state.AddCluster(new Cluster { ClusterId = "inherits" });
        _state.AddCluster(new Cluster { ClusterId = "unlimited", MaxConnectionsPerIp = 0 });
        _state.AddCluster(new Cluster { ClusterId = "own", MaxConnectionsPerIp = 2, RetryAfter = 5 });
        var snapshot = _state.Snapshot;

        Assert.Equal(4UL, PerIpLimit.For(snapshot.Clusters["inherits"], snapshot));
        Assert.Equal(0UL, PerIpLimit.For(snapshot.Clusters["unlimited"], snapshot));
        Assert.Equal(2UL, PerIpLimit.For(snapshot.Clusters["own"], snapshot));
        Assert.Equal(60U, PerIpLimit.RetryAfterFor(snapshot.Clusters["inherits"], 60));
        Assert.Equal(5U, PerIpLimit.RetryAfterFor(snapshot.Clusters["own"], 60));
    }

    [Fact]
    public void A_cluster_update_keeps_the_connections_counted()
    {
        _state.AddCluster(new Cluster { ClusterId = "app", MaxConnectionsPerIp = 1 });
        var counted = _state.Snapshot.Clusters["app"].IpConnections.TryEnter(IPAddress.Loopback, 1);
        Assert.NotNull(counted);

        _state.AddCluster(new Cluster { ClusterId = "app", MaxConnectionsPerIp = 1, RetryAfter = 9 });

        Assert.Null(_state.Snapshot.Clusters["app"].IpConnections.TryEnter(IPAddress.Loopback, 1));
    }
}
