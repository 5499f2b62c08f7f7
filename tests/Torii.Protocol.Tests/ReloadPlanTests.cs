using System.Net;

namespace Torii.Protocol.Tests;

/// <summary>The difference between a running state and a new config, as requests in a safe order.</summary>
public sealed class ReloadPlanTests
{
    private static readonly SocketAddress Listener = SocketAddresses.ToProto(new IPEndPoint(IPAddress.Loopback, 8080));

    [Fact]
    public void An_unchanged_config_gives_no_request()
    {
        Request[] config = [HttpListener(), Cluster("shop"), Backend("shop", "b1", 9001), Frontend("shop", "shop.test")];

        Assert.True(ReloadPlan.Create(config, config, config).IsEmpty);
    }

    [Fact]
    public void Additions_come_in_dependency_order_before_removals()
    {
        Request[] previous = [HttpListener(), Cluster("old"), Frontend("old", "old.test")];
        Request[] next = [HttpListener(), Frontend("new", "new.test"), Backend("new", "n1", 9001), Cluster("new")];

        var plan = ReloadPlan.Create(previous, previous, next);

        Assert.Equal(
            [Cluster("new"), Backend("new", "n1", 9001), Frontend("new", "new.test"), new Request { RemoveCluster = "old" }],
            plan.Requests);
    }

    [Fact]
    public void A_changed_backend_is_replaced_and_a_changed_cluster_updated_in_place()
    {
        Request[] previous = [Cluster("shop"), Backend("shop", "b1", 9001)];
        Request[] next = [Cluster("shop", LoadBalancingAlgorithms.Random), Backend("shop", "b1", 9002)];

        var plan = ReloadPlan.Create(previous, previous, next);

        Assert.Equal(
            [
                Cluster("shop", LoadBalancingAlgorithms.Random),
                new Request { RemoveBackend = new RemoveBackend { ClusterId = "shop", BackendId = "b1", Address = Loopback(9001) } },
                Backend("shop", "b1", 9002),
            ],
            plan.Requests);
        Assert.Equal(["changed cluster shop", "changed backend shop/b1"], plan.Changes);
    }

    [Fact]
    public void Runtime_additions_are_kept_unless_pruning()
    {
        Request[] config = [Cluster("shop")];
        Request[] running = [Cluster("shop"), Cluster("runtime"), Backend("runtime", "r1", 9001)];

        Assert.True(ReloadPlan.Create(config, running, config).IsEmpty);
        Assert.Equal([new Request { RemoveCluster = "runtime" }], ReloadPlan.Create(config, running, config, prune: true).Requests);
    }

    [Fact]
    public void What_the_operator_already_removed_is_not_removed_again()
    {
        Request[] previous = [Cluster("shop"), Cluster("gone")];
        Request[] running = [Cluster("shop")];

        Assert.True(ReloadPlan.Create(previous, running, [Cluster("shop")]).IsEmpty);
    }

    [Fact]
    public void A_frontend_moved_to_another_cluster_is_removed_then_added()
    {
        Request[] previous = [Cluster("a"), Cluster("b"), Frontend("a", "shop.test")];
        Request[] next = [Cluster("a"), Cluster("b"), Frontend("b", "shop.test")];

        var plan = ReloadPlan.Create(previous, previous, next);

        Assert.Equal([new Request { RemoveHttpFrontend = Frontend("a", "shop.test").AddHttpFrontend }, Frontend("b", "shop.test")], plan.Requests);
    }

    [Fact]
    public void A_listener_whose_settings_changed_is_updated_in_place()
    {
        Request[] previous = [HttpListener()];
        var changed = HttpListener();
        changed.AddHttpListener.FrontTimeout = 5;
        changed.AddHttpListener.StickyName = "ROUTE";

        var plan = ReloadPlan.Create(previous, previous, [changed]);

        var update = Assert.Single(plan.Requests).UpdateHttpListener;
        Assert.Equal(5u, update.FrontTimeout);
        Assert.Equal("ROUTE", update.StickyName);
        Assert.Equal(Listener, update.Address);
    }

    [Fact]
    public void A_listener_change_an_update_cannot_make_is_refused()
    {
        var previous = HttpListener();
        previous.AddHttpListener.PublicAddress = Loopback(80);

        var error = Assert.Throws<ReloadException>(() => ReloadPlan.Create([previous], [previous], [HttpListener()]));

        Assert.Contains("listener 127.0.0.1:8080", error.Message);
    }

    [Fact]
    public void A_listener_compares_without_its_activation_flag()
    {
        var active = HttpListener();
        active.AddHttpListener.Active = true;

        Assert.True(ReloadPlan.Create([HttpListener()], [HttpListener()], [active]).IsEmpty);
    }

    [Fact]
    public void A_changed_max_connections_replaces_the_backend_and_a_changed_queue_timeout_updates_the_cluster()
    {
        Request[] previous = [Cluster("shop"), Backend("shop", "b1", 9001)];
        var cluster = Cluster("shop");
        cluster.AddCluster.QueueTimeout = 5;
        var backend = Backend("shop", "b1", 9001);
        backend.AddBackend.MaxConnections = 20;

        var plan = ReloadPlan.Create(previous, previous, [cluster, backend]);

        Assert.Equal(
            [cluster, new Request { RemoveBackend = new RemoveBackend { ClusterId = "shop", BackendId = "b1", Address = Loopback(9001) } }, backend],
            plan.Requests);
        Assert.Equal(["changed cluster shop", "changed backend shop/b1"], plan.Changes);
    }

    private static SocketAddress Loopback(int port) => SocketAddresses.ToProto(new IPEndPoint(IPAddress.Loopback, port));

    private static Request HttpListener() => new() { AddHttpListener = new HttpListenerConfig { Address = Listener, FrontTimeout = 60 } };

    private static Request Cluster(string id, LoadBalancingAlgorithms algorithm = LoadBalancingAlgorithms.RoundRobin) =>
        new() { AddCluster = new Cluster { ClusterId = id, LoadBalancing = algorithm } };

    private static Request Backend(string cluster, string id, int port) =>
        new() { AddBackend = new AddBackend { ClusterId = cluster, BackendId = id, Address = Loopback(port) } };

    private static Request Frontend(string cluster, string hostname) =>
        new() { AddHttpFrontend = new RequestHttpFrontend { ClusterId = cluster, Address = Listener, Hostname = hostname } };
}
