namespace Torii.Protocol.Tests;

/// <summary>A health check is its own item of the state: a changed one is set again, a dropped one removed.</summary>
public sealed class HealthCheckReloadTests
{
    [Fact]
    public void A_new_check_is_set_after_the_backends_and_a_changed_one_is_set_again()
    {
        Request[] previous = [Cluster("shop"), Backend("shop", "b1")];
        Request[] added = [Cluster("shop"), Backend("shop", "b1"), Check("shop", "/health")];
        Request[] changed = [Cluster("shop"), Backend("shop", "b1"), Check("shop", "/ready")];

        Assert.Equal([Check("shop", "/health")], ReloadPlan.Create(previous, previous, added).Requests);
        Assert.Equal([Check("shop", "/ready")], ReloadPlan.Create(added, added, changed).Requests);
    }

    [Fact]
    public void A_dropped_check_is_removed_but_not_when_its_cluster_goes_too()
    {
        Request[] previous = [Cluster("shop"), Backend("shop", "b1"), Check("shop", "/health")];

        Assert.Equal([new Request { RemoveHealthCheck = "shop" }], ReloadPlan.Create(previous, previous, [Cluster("shop"), Backend("shop", "b1")]).Requests);
        Assert.Equal([new Request { RemoveCluster = "shop" }], ReloadPlan.Create(previous, previous, []).Requests);
    }

    [Fact]
    public void An_add_cluster_carrying_its_check_is_the_same_state_as_the_two_requests()
    {
        var carrying = Cluster("shop");
        carrying.AddCluster.HealthCheck = Check("shop", "/health").SetHealthCheck.Config;
        Request[] separate = [Cluster("shop"), Check("shop", "/health")];

        Assert.True(ReloadPlan.Create(separate, [carrying], separate).IsEmpty);
    }

    [Fact]
    public void A_check_added_at_runtime_is_kept_unless_pruning()
    {
        Request[] config = [Cluster("shop")];
        Request[] running = [Cluster("shop"), Check("shop", "/health")];

        Assert.True(ReloadPlan.Create(config, running, config).IsEmpty);
        Assert.Equal([new Request { RemoveHealthCheck = "shop" }], ReloadPlan.Create(config, running, config, prune: true).Requests);
    }

    private static Request Cluster(string id) => new() { AddCluster = new Cluster { ClusterId = id } };

    private static Request Backend(string clusterId, string backendId) => new()
    {
        AddBackend = new AddBackend { ClusterId = clusterId, BackendId = backendId, Address = SocketAddresses.ToProto(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 9001)) },
    };

    private static Request Check(string clusterId, string uri) => new()
    {
        SetHealthCheck = new SetHealthCheck { ClusterId = clusterId, Config = new HealthCheckConfig { Uri = uri, Interval = 2, Timeout = 1 } },
    };
}
