using System.Net;
using Torii.Proxy.Backends;
using Torii.Proxy.Health;
using Torii.Proxy.Http;
using Torii.Proxy.LoadBalancing;
using Torii.Proxy.Metrics;
using Torii.Proxy.Runtime;
using Torii.Proxy.Tests.LoadBalancing;

namespace Torii.Proxy.Tests.Health;

/// <summary>One queue for every backend, spread evenly over the interval, cancelled entries dropped.</summary>
public sealed class HealthScheduleTests
{
    [Fact]
    public void A_thousand_backends_are_spread_over_the_interval_not_fired_at_once()
    {
        const int backends = 1000;
        const long intervalMs = 1000;
        var perTenMs = new int[100];
        for (var i = 0; i < backends; i++)
        {
            var offset = HealthSchedule.SpreadOffset(i, backends, intervalMs);
            Assert.InRange(offset, 0, intervalMs - 1);
            perTenMs[offset / 10]++;
        }

        // Evenly apart: every 10 ms slice of the second holds the same share, 10 checks.
        Assert.All(perTenMs, count => Assert.Equal(10, count));
    }

    [Fact]
    public void Due_checks_come_out_in_time_order_and_cancelled_ones_never()
    {
        var schedule = new HealthSchedule();
        var owner = Owner();
        var late = new ScheduledCheck(TestBackends.Create("late"), owner);
        var early = new ScheduledCheck(TestBackends.Create("early"), owner);
        var cancelled = new ScheduledCheck(TestBackends.Create("cancelled"), owner);
        schedule.Add(late, 300);
        schedule.Add(early, 100);
        schedule.Add(cancelled, 50);
        cancelled.Cancel();

        Assert.Equal(100, schedule.NextDueMs());
        var due = new List<ScheduledCheck>();
        schedule.TakeDue(200, due);
        Assert.Equal([early], due);
        due.Clear();
        schedule.TakeDue(1000, due);
        Assert.Equal([late], due);
        Assert.Null(schedule.NextDueMs());
    }

    [Fact]
    public void A_backend_never_has_two_checks_running_at_once()
    {
        var owner = Owner();
        var check = new ScheduledCheck(new Backend("c", "b", new IPEndPoint(IPAddress.Loopback, 1)), owner);

        Assert.True(check.TryBegin());
        Assert.False(check.TryBegin());
        check.End();
        Assert.True(check.TryBegin());
    }

    private static TrackedCluster Owner() =>
        new(new ClusterRuntime(new Protocol.Cluster { ClusterId = "c" }, BackendSet.Empty, new RoundRobinLoadBalancer(), DefaultAnswers.None, new TrafficMetrics()));
}
