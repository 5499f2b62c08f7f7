using Torii.Protocol;
using Torii.Proxy.Command;
using Torii.Proxy.Events;
using Torii.Proxy.Runtime;
using Torii.Proxy.State;

namespace Torii.Proxy.Tests.Command;

/// <summary>Changes are told to subscribers, every one after a subscriber's OK; with nobody listening none is built.</summary>
public sealed class DispatcherEventsTests
{
    private readonly EventBus _events = new();
    private readonly CommandDispatcher _dispatcher;

    public DispatcherEventsTests()
    {
        _dispatcher = new CommandDispatcher(new ConfigState(new SnapshotHolder(), DetachedListenerHost.Instance, new ProxyDefaults()), new NoLifecycle());
        _dispatcher.PublishEventsTo(_events);
    }

    [Fact]
    public async Task A_subscriber_receives_every_change_applied_after_it_subscribed_in_order()
    {
        await ApplyAsync(new Request { AddCluster = new Cluster { ClusterId = "before" } });
        Assert.Equal(0UL, _events.LastSequence);

        using var subscriber = await _dispatcher.SubscribeAsync(CancellationToken.None);
        await ApplyAsync(new Request { AddCluster = new Cluster { ClusterId = "after" } });
        await ApplyAsync(new Request { AddBackend = new AddBackend { ClusterId = "after", BackendId = "b", Address = SocketAddresses.Parse("127.0.0.1:9001") } });
        await ApplyAsync(new Request { AddCluster = new Cluster { ClusterId = "after" } });
        await ApplyAsync(new Request { RemoveCluster = "before" });

        var received = new List<Event>();
        while (subscriber!.Queue.TryRead(out var response))
        {
            received.Add(response.Content.Event);
        }

        Assert.Equal(
            [(EventKind.ClusterAdded, "after"), (EventKind.BackendAdded, "after"), (EventKind.ClusterRemoved, "before")],
            received.Select(change => (change.Kind, change.ClusterId)));
        Assert.Equal([1UL, 2UL, 3UL], received.Select(change => change.Sequence));
    }

    private async Task ApplyAsync(Request request) =>
        Assert.Equal(ResponseStatus.Ok, (await _dispatcher.ExecuteAsync(request)).Status);

    /// <summary>A fake: these tests never stop or upgrade the proxy.</summary>
    private sealed class NoLifecycle : IProxyLifecycle
    {
        public void StopSoftly() => throw new NotSupportedException();

        public void StopNow() => throw new NotSupportedException();

        public Task<string> UpgradeAsync(string? executable, IReadOnlyList<Request> state, CancellationToken cancellationToken) => throw new NotSupportedException();

        public void FinishUpgrade() => throw new NotSupportedException();
    }
}
