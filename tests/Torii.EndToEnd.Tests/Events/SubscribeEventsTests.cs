using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.EndToEnd.Tests.Events;

/// <summary>subscribe_events through the published torii: what each change produces, in order, and who made it.</summary>
public sealed class SubscribeEventsTests
{
    [Fact]
    public async Task Cluster_backend_and_frontend_changes_arrive_in_order_with_increasing_sequences_and_the_tests_uid_and_pid()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        await using var events = await EventReader.OpenAsync(proxy.Torii.Client);

        await proxy.Torii.MustAsync(Requests.Cluster("app"));
        await proxy.Torii.MustAsync(Requests.Backend("app", "first", proxy.First));
        await proxy.Torii.MustAsync(Requests.AddFrontend("app", proxy.HttpPort, "app.test", "/api"));
        await proxy.Torii.MustAsync(Requests.RemoveFrontend("app", proxy.HttpPort, "app.test", "/api"));
        await proxy.Torii.MustAsync(Requests.RemoveBackend("app", "first", proxy.First.Port));
        await proxy.Torii.MustAsync(Requests.RemoveCluster("app"));

        var received = await events.NextAsync(6);
        Assert.Equal(
            [EventKind.ClusterAdded, EventKind.BackendAdded, EventKind.FrontendAdded, EventKind.FrontendRemoved, EventKind.BackendRemoved, EventKind.ClusterRemoved],
            received.Select(e => e.Kind));
        for (var i = 1; i < received.Count; i++)
        {
            Assert.Equal(received[i - 1].Sequence + 1, received[i].Sequence);
        }

        Assert.All(received, e =>
        {
            Assert.Equal("app", e.ClusterId);
            Assert.Equal(TestIdentity.Uid, e.PeerUid);
            Assert.Equal(Environment.ProcessId, e.PeerPid);
            Assert.InRange(e.Time, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        });
        Assert.Equal("first", received[1].BackendId);
        Assert.Equal(proxy.First.Port, (int)received[1].Address.Port);
        Assert.Equal($"http 127.0.0.1:{proxy.HttpPort} app.test/api (prefix) -> app", received[2].Detail);
        Assert.Equal(received[2].Detail, received[3].Detail);
    }
}
