using System.Net;
using Google.Protobuf;
using Torii.Protocol;
using Torii.Proxy.Runtime;
using Torii.Proxy.State;

namespace Torii.Proxy.Tests.Health;

/// <summary>Health checks in the state: set, replace, remove, query, dump; a refused request changes nothing.</summary>
public sealed class ConfigStateHealthTests
{
    private readonly SnapshotHolder _snapshots = new();
    private readonly ConfigState _state;

    public ConfigStateHealthTests()
    {
        _state = new ConfigState(_snapshots, DetachedListenerHost.Instance, new ProxyDefaults());
        _state.AddCluster(new Cluster { ClusterId = "app" });
        _state.AddBackend(new AddBackend { ClusterId = "app", BackendId = "b1", Address = SocketAddresses.ToProto(new IPEndPoint(IPAddress.Loopback, 9001)) });
    }

    [Fact]
    public void Setting_a_check_puts_it_in_the_snapshot_with_its_probe()
    {
        _state.SetHealthCheck(Set("app", Http("/health")));

        var runtime = _snapshots.Current.Clusters["app"];
        Assert.Equal(Http("/health"), runtime.Config.HealthCheck);
        Assert.NotNull(runtime.HealthProbe);
        Assert.True(runtime.Health.IsChecked);
    }

    [Fact]
    public void Refused_requests_leave_the_state_as_it_was()
    {
        _state.SetHealthCheck(Set("app", Http("/health")));
        var before = _state.GenerateRequests().Select(request => request.ToByteString()).ToList();
        var snapshot = _snapshots.Current;

        Assert.Equal("no cluster \"nope\"", Assert.Throws<CommandException>(() => _state.SetHealthCheck(Set("nope", Http("/health")))).Message);
        var postgres = new HealthCheckConfig { Kind = HealthCheckKind.HealthCheckPostgresql, User = "u", Interval = 2, Timeout = 1, PasswordFile = "/nonexistent/torii-health.password" };
        Assert.StartsWith("health check password_file /nonexistent/torii-health.password: cannot read it", Assert.Throws<CommandException>(() => _state.SetHealthCheck(Set("app", postgres))).Message, StringComparison.Ordinal);
        Assert.Throws<CommandException>(() => _state.AddCluster(new Cluster { ClusterId = "other", HealthCheck = postgres }));

        Assert.Same(snapshot, _snapshots.Current);
        Assert.Equal(before, _state.GenerateRequests().Select(request => request.ToByteString()).ToList());
    }

    [Fact]
    public void Removing_a_check_takes_it_out_and_removing_one_that_is_not_there_fails()
    {
        _state.SetHealthCheck(Set("app", Http("/health")));

        _state.RemoveHealthCheck("app");

        Assert.Null(_snapshots.Current.Clusters["app"].Config.HealthCheck);
        Assert.Null(_snapshots.Current.Clusters["app"].HealthProbe);
        Assert.False(_snapshots.Current.Clusters["app"].Health.IsChecked);
        Assert.Equal("cluster \"app\" has no health check", Assert.Throws<CommandException>(() => _state.RemoveHealthCheck("app")).Message);
    }

    [Fact]
    public void Add_cluster_carrying_a_check_sets_it_and_an_update_without_one_keeps_it()
    {
        _state.AddCluster(new Cluster { ClusterId = "api", HealthCheck = Http("/ready") });
        Assert.Equal(Http("/ready"), _snapshots.Current.Clusters["api"].Config.HealthCheck);

        _state.AddCluster(new Cluster { ClusterId = "api", StickySession = true });

        Assert.Equal(Http("/ready"), _snapshots.Current.Clusters["api"].Config.HealthCheck);
        Assert.True(_snapshots.Current.Clusters["api"].Config.StickySession);
        Assert.True(_snapshots.Current.Clusters["api"].Health.IsChecked);
    }

    [Fact]
    public void The_dump_sets_the_check_after_the_backends_and_replays_to_the_same_state()
    {
        _state.SetHealthCheck(Set("app", Http("/health")));

        var requests = _state.GenerateRequests().ToList();

        Assert.Null(requests.Single(request => request.AddCluster is not null).AddCluster.HealthCheck);
        Assert.Equal(Set("app", Http("/health")), requests[^1].SetHealthCheck);
        var replayed = new ConfigState(new SnapshotHolder(), DetachedListenerHost.Instance, new ProxyDefaults());
        foreach (var request in requests)
        {
            _ = request.RequestTypeCase switch
            {
                Request.RequestTypeOneofCase.AddCluster => replayed.AddCluster(request.AddCluster),
                Request.RequestTypeOneofCase.AddBackend => replayed.AddBackend(request.AddBackend),
                _ => replayed.SetHealthCheck(request.SetHealthCheck),
            };
        }

        Assert.Equal(requests, replayed.GenerateRequests());
    }

    [Fact]
    public void The_requests_to_write_are_the_dump_and_writing_them_leaves_the_check_in_the_state()
    {
        _state.AddCluster(new Cluster { ClusterId = "plain" });
        _state.SetHealthCheck(Set("app", Http("/health")));

        var written = _state.RequestsToWrite().ToList();

        Assert.Equal(_state.GenerateRequests(), written);
        Assert.All(written.Where(request => request.AddCluster is not null), request => Assert.Null(request.AddCluster.HealthCheck));
        Assert.Equal(Http("/health"), _snapshots.Current.Clusters["app"].Config.HealthCheck);
        Assert.Equal(Set("app", Http("/health")), _state.GenerateRequests().Last().SetHealthCheck);
    }

    [Fact]
    public void The_dump_is_a_copy_that_can_be_changed_without_changing_the_state()
    {
        var before = _state.GenerateRequests().ToList();

        foreach (var request in _state.GenerateRequests())
        {
            if (request.AddBackend is { } backend)
            {
                backend.BackendId = "changed";
            }
            else if (request.AddCluster is { } cluster)
            {
                cluster.StickySession = !cluster.StickySession;
            }
        }

        Assert.Equal(before, _state.GenerateRequests());
    }

    [Fact]
    public void Queries_show_the_check_with_its_password_hidden_and_each_backend_health()
    {
        _state.AddCluster(new Cluster { ClusterId = "tcp", HealthCheck = new HealthCheckConfig { Kind = HealthCheckKind.HealthCheckTcp, Password = "not-shown" } });
        _state.SetHealthCheck(Set("app", Http("/health")));
        _snapshots.Current.Clusters["app"].Health.RecordPassiveFailure(_snapshots.Current.Clusters["app"].Backends.Find("b1")!, "connect failed (ConnectionRefused)");

        var list = _state.QueryHealthChecks(new QueryHealthChecks());
        var information = _state.QueryClusterById("app").Vec.Single();

        Assert.Equal(["app", "tcp"], list.Map.Keys.Order());
        Assert.Equal("(hidden)", list.Map["tcp"].Password);
        Assert.Equal("(hidden)", _state.QueryClusterById("tcp").Vec.Single().Configuration.HealthCheck.Password);
        var status = Assert.Single(list.Backends);
        Assert.Equal(("app", "b1", false, true, "connect failed (ConnectionRefused)"), (status.ClusterId, status.BackendId, status.Up, status.Checked, status.LastFailure));
        Assert.Equal(status, Assert.Single(information.BackendHealth));
        Assert.Single(_state.QueryHealthChecks(new QueryHealthChecks { ClusterId = "tcp" }).Map);
        Assert.Throws<CommandException>(() => _state.QueryHealthChecks(new QueryHealthChecks { ClusterId = "nope" }));
        Assert.Equal("not-shown", _state.GenerateRequests().Last().SetHealthCheck.Config.Password);
    }

    [Fact]
    public void A_backend_removed_from_a_checked_cluster_leaves_its_health_group()
    {
        _state.SetHealthCheck(Set("app", new HealthCheckConfig { Uri = "/h", Interval = 1, Timeout = 1, UnhealthyThreshold = 1, FailOpen = true }));
        _state.AddBackend(new AddBackend { ClusterId = "app", BackendId = "b2", Address = SocketAddresses.ToProto(new IPEndPoint(IPAddress.Loopback, 9002)) });
        var runtime = _snapshots.Current.Clusters["app"];
        runtime.Health.RecordPassiveFailure(runtime.Backends.Find("b1")!, "refused");
        Assert.False(runtime.Health.IsFailingOpen);

        _state.RemoveBackend(new RemoveBackend { ClusterId = "app", BackendId = "b2" });

        Assert.True(_snapshots.Current.Clusters["app"].Health.IsFailingOpen);
    }

    [Fact]
    public void Metrics_of_a_checked_cluster_have_the_health_of_each_backend_and_an_unchecked_one_none()
    {
        _state.AddCluster(new Cluster { ClusterId = "plain" });
        _state.AddBackend(new AddBackend { ClusterId = "plain", BackendId = "p1", Address = SocketAddresses.ToProto(new IPEndPoint(IPAddress.Loopback, 9003)) });
        _state.SetHealthCheck(Set("app", Http("/health")));
        _snapshots.Current.Clusters["app"].Health.RecordPassiveFailure(_snapshots.Current.Clusters["app"].Backends.Find("b1")!, "refused");

        var metrics = Torii.Proxy.Metrics.MetricsQuery.Answer(new QueryMetricsOptions(), new Torii.Proxy.Metrics.ProxyMetrics(), _snapshots.Current, 0).Metrics;

        var checkedBackend = Assert.Single(metrics.Clusters["app"].Backends).Metrics;
        Assert.Equal(0UL, checkedBackend["backend.up"].Gauge);
        Assert.Equal(1, checkedBackend["health_check.down"].Count);
        Assert.False(Assert.Single(metrics.Clusters["plain"].Backends).Metrics.ContainsKey("backend.up"));
    }

    private static SetHealthCheck Set(string clusterId, HealthCheckConfig config) => new() { ClusterId = clusterId, Config = config };

    private static HealthCheckConfig Http(string uri) => new() { Uri = uri, Interval = 2, Timeout = 1, HealthyThreshold = 1, UnhealthyThreshold = 1 };
}
