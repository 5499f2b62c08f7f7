using Torii.Protocol;
using Torii.Proxy.Backends;
using Torii.Proxy.Metrics;
using Torii.Proxy.Tests.LoadBalancing;

namespace Torii.Proxy.Tests.Health;

/// <summary>The rise/fall state machine, passive failures, removal of the check and fail-open.</summary>
public sealed class ClusterHealthTests
{
    [Fact]
    public void A_backend_goes_down_after_unhealthy_threshold_failures_in_a_row_and_up_after_healthy_threshold_successes()
    {
        var (health, backend) = Checked(healthy: 2, unhealthy: 3);

        Assert.Equal(HealthTransition.None, health.RecordCheck(backend, false, "status 500"));
        Assert.Equal(HealthTransition.None, health.RecordCheck(backend, false, "status 500"));
        Assert.False(backend.Health.IsDown);
        Assert.Equal(HealthTransition.WentDown, health.RecordCheck(backend, false, "status 503"));
        Assert.True(backend.Health.IsDown);
        Assert.Equal("status 503", backend.Health.LastFailure);
        Assert.False(backend.IsAvailable(0));

        Assert.Equal(HealthTransition.None, health.RecordCheck(backend, true, null));
        Assert.True(backend.Health.IsDown);
        Assert.Equal(HealthTransition.WentUp, health.RecordCheck(backend, true, null));
        Assert.False(backend.Health.IsDown);
        Assert.True(backend.IsAvailable(0));
    }

    [Fact]
    public void A_success_breaks_a_failure_streak_and_a_failure_breaks_a_success_streak()
    {
        var (health, backend) = Checked(healthy: 2, unhealthy: 2);

        health.RecordCheck(backend, false, "x");
        health.RecordCheck(backend, true, null);
        Assert.Equal(HealthTransition.None, health.RecordCheck(backend, false, "x"));
        Assert.Equal(HealthTransition.WentDown, health.RecordCheck(backend, false, "x"));

        health.RecordCheck(backend, true, null);
        health.RecordCheck(backend, false, "again");
        Assert.Equal(HealthTransition.None, health.RecordCheck(backend, true, null));
        Assert.Equal(HealthTransition.WentUp, health.RecordCheck(backend, true, null));
    }

    [Fact]
    public void A_passive_failure_takes_a_checked_backend_down_at_once_and_only_checks_bring_it_back()
    {
        var (health, backend) = Checked(healthy: 1, unhealthy: 5);

        Assert.True(health.RecordPassiveFailure(backend, "connect failed (ConnectionRefused)"));
        Assert.True(backend.Health.IsDown);
        Assert.Equal("connect failed (ConnectionRefused)", backend.Health.LastFailure);

        backend.RecordSuccess();
        Assert.True(backend.Health.IsDown);
        Assert.Equal(HealthTransition.WentUp, health.RecordCheck(backend, true, null));
    }

    [Fact]
    public void Without_a_check_a_passive_failure_is_left_to_the_backoff()
    {
        var health = new ClusterHealth();
        var backend = TestBackends.Create("a");
        health.Attach(backend);

        Assert.False(health.RecordPassiveFailure(backend, "refused"));
        Assert.False(backend.Health.IsDown);
        Assert.Equal(HealthTransition.None, health.RecordCheck(backend, false, "x"));
    }

    [Fact]
    public void Removing_the_check_brings_every_backend_up()
    {
        var (health, backend) = Checked(healthy: 3, unhealthy: 1);
        health.RecordCheck(backend, false, "down");

        health.Disable([backend]);

        Assert.False(backend.Health.IsDown);
        Assert.True(backend.IsAvailable(0));
        Assert.False(health.IsChecked);
    }

    [Fact]
    public void When_every_backend_is_down_the_cluster_fails_open_and_stops_when_one_comes_back()
    {
        var health = new ClusterHealth();
        var a = TestBackends.Create("a");
        var b = TestBackends.Create("b", isBackup: true);
        health.Attach(a);
        health.Attach(b);
        health.Configure("cluster", Config(healthy: 1, unhealthy: 1, failOpen: true));

        health.RecordCheck(a, false, "x");
        Assert.False(health.IsFailingOpen);
        Assert.False(a.IsAvailable(0));
        health.RecordCheck(b, false, "x");

        Assert.True(health.IsFailingOpen);
        Assert.True(a.IsAvailable(0));
        Assert.True(b.IsAvailable(0));

        health.RecordCheck(b, true, null);
        Assert.False(health.IsFailingOpen);
        Assert.False(a.IsAvailable(0));
        Assert.True(b.IsAvailable(0));
    }

    [Fact]
    public void With_fail_open_false_every_backend_down_means_none_is_available()
    {
        var (health, backend) = Checked(healthy: 1, unhealthy: 1, failOpen: false);

        health.RecordCheck(backend, false, "x");

        Assert.False(health.IsFailingOpen);
        Assert.False(backend.IsAvailable(0));
    }

    [Fact]
    public void A_detached_backend_no_longer_counts_towards_every_backend_down()
    {
        var health = new ClusterHealth();
        var a = TestBackends.Create("a");
        var b = TestBackends.Create("b");
        health.Attach(a);
        health.Attach(b);
        health.Configure("cluster", Config(healthy: 1, unhealthy: 1, failOpen: true));
        health.RecordCheck(a, false, "x");

        health.Detach(b);

        Assert.True(health.IsFailingOpen);
        Assert.Equal(HealthTransition.None, health.RecordCheck(b, false, "x"));
    }

    [Fact]
    public void Checks_and_transitions_are_counted_per_backend()
    {
        var (health, backend) = Checked(healthy: 1, unhealthy: 1);
        health.RecordCheck(backend, true, null);
        health.RecordCheck(backend, false, "x");
        health.RecordCheck(backend, true, null);

        var metrics = new Google.Protobuf.Collections.MapField<string, FilteredMetrics>();
        backend.Health.WriteTo(metrics, MetricFilter.All);

        Assert.Equal(2, metrics[HealthMetricNames.Success].Count);
        Assert.Equal(1, metrics[HealthMetricNames.Failure].Count);
        Assert.Equal(1, metrics[HealthMetricNames.WentDown].Count);
        Assert.Equal(1, metrics[HealthMetricNames.WentUp].Count);
        Assert.Equal(1UL, metrics[HealthMetricNames.Up].Gauge);
    }

    internal static HealthCheckConfig Config(uint healthy, uint unhealthy, bool failOpen = true) =>
        new() { Uri = "/health", Interval = 1, Timeout = 1, HealthyThreshold = healthy, UnhealthyThreshold = unhealthy, FailOpen = failOpen };

    private static (ClusterHealth Health, Backend Backend) Checked(uint healthy, uint unhealthy, bool failOpen = true)
    {
        var health = new ClusterHealth();
        var backend = TestBackends.Create("a");
        var other = TestBackends.Create("other");
        health.Attach(backend);
        health.Attach(other);
        health.Configure("cluster", Config(healthy, unhealthy, failOpen));
        if (!failOpen)
        {
            health.Detach(other);
        }

        return (health, backend);
    }
}
