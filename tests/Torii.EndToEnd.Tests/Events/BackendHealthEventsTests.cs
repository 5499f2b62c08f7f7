using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.EndToEnd.Tests.Events;

/// <summary>Backend health transitions reach subscribers: the proxy's own events, with no command peer.</summary>
public sealed class BackendHealthEventsTests
{
    [Fact]
    public async Task A_backend_whose_server_dies_goes_down_and_its_cluster_has_none_left_then_both_come_back()
    {
        using var only = new HealthCheckedBackend("only");
        await using var proxy = await HttpProxyFixture.StartAsync();
        await proxy.Torii.MustAsync(Requests.Cluster("app"));
        await proxy.Torii.MustAsync(Requests.AddFrontend("app", proxy.HttpPort, "app.test"));
        await proxy.Torii.MustAsync(Requests.Backend("app", only.Name, only.Port));
        await using var events = await EventReader.OpenAsync(proxy.Torii.Client);
        await proxy.Torii.MustAsync(new Request
        {
            SetHealthCheck = new SetHealthCheck
            {
                ClusterId = "app",
                Config = new HealthCheckConfig { Uri = HealthCheckedBackend.HealthPath, Interval = 1, Timeout = 1, HealthyThreshold = 2, UnhealthyThreshold = 2 },
            },
        });
        Assert.Equal(EventKind.HealthCheckSet, (await events.NextAsync()).Kind);

        only.Behave(BackendBehaviour.Stopped);
        var down = await events.NextAsync();
        var noneLeft = await events.NextAsync();
        only.Behave(BackendBehaviour.Healthy);
        var up = await events.NextAsync();
        var recovered = await events.NextAsync();

        Assert.Equal((EventKind.BackendDown, "app", "only"), (down.Kind, down.ClusterId, down.BackendId));
        Assert.Contains("connect failed", down.Detail);
        Assert.Equal(only.Port, (int)down.Address.Port);
        Assert.Equal((EventKind.NoAvailableBackends, "app"), (noneLeft.Kind, noneLeft.ClusterId));
        Assert.Equal((EventKind.BackendUp, "app", "only"), (up.Kind, up.ClusterId, up.BackendId));
        Assert.Equal((EventKind.ClusterRecovered, "app"), (recovered.Kind, recovered.ClusterId));
        Assert.Equal([down.Sequence + 1, down.Sequence + 2, down.Sequence + 3], new[] { noneLeft.Sequence, up.Sequence, recovered.Sequence });
        Assert.All(new[] { down, noneLeft, up, recovered }, e => Assert.False(e.HasPeerPid, "a health transition is the proxy's own, not a peer's"));
    }

    [Fact]
    public async Task A_failed_connect_on_the_data_path_marks_a_checked_backend_down_at_once()
    {
        using var good = new HealthCheckedBackend("good");
        using var dead = new HealthCheckedBackend("dead");
        await using var proxy = await HttpProxyFixture.StartAsync();
        await proxy.Torii.MustAsync(Requests.Cluster("app"));
        await proxy.Torii.MustAsync(Requests.AddFrontend("app", proxy.HttpPort, "app.test"));
        await proxy.Torii.MustAsync(Requests.Backend("app", good.Name, good.Port));
        await proxy.Torii.MustAsync(Requests.Backend("app", dead.Name, dead.Port));

        // A check too slow to notice anything within the test: only the data path can.
        await proxy.Torii.MustAsync(new Request
        {
            SetHealthCheck = new SetHealthCheck
            {
                ClusterId = "app",
                Config = new HealthCheckConfig { Uri = HealthCheckedBackend.HealthPath, Interval = 3600, Timeout = 1, HealthyThreshold = 1, UnhealthyThreshold = 5 },
            },
        });
        await using var events = await EventReader.OpenAsync(proxy.Torii.Client);
        dead.Behave(BackendBehaviour.Stopped);

        // Round robin over two backends: within a few requests one goes to the dead one.
        var down = Task.Run(() => events.WaitForAsync(EventKind.BackendDown, "dead"));
        for (var i = 0; i < 20 && !down.IsCompleted; i++)
        {
            await proxy.GetAsync("app.test");
        }

        var change = await down;
        Assert.Contains("on a failed connect", change.Detail);
    }
}
