using Torii.Protocol;
using Torii.Proxy.Command;
using Torii.Proxy.Events;

namespace Torii.Proxy.Tests.Events;

/// <summary>The subscribers' bounded queues: delivery in sequence order, and a full queue drops only its own subscriber.</summary>
public sealed class EventBusTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public void Every_subscriber_gets_every_event_in_order_with_sequences_increasing_by_one()
    {
        var bus = new EventBus();
        using var first = bus.Subscribe();
        using var second = bus.Subscribe();

        for (var i = 0; i < 5; i++)
        {
            bus.Publish(ChangeEvents.Cluster(EventKind.ClusterAdded, $"c{i}"));
        }

        foreach (var subscriber in new[] { first, second })
        {
            var received = Drain(subscriber);
            Assert.Equal(["c0", "c1", "c2", "c3", "c4"], received.Select(r => r.Content.Event.ClusterId));
            Assert.Equal([1UL, 2UL, 3UL, 4UL, 5UL], received.Select(r => r.Content.Event.Sequence));
        }
    }

    [Fact]
    public void A_subscriber_whose_queue_is_full_is_dropped_while_the_others_keep_receiving()
    {
        var bus = new EventBus(queueCapacity: 4);
        using var reader = bus.Subscribe();
        var stalled = bus.Subscribe();

        for (var i = 0; i < 4; i++)
        {
            bus.Publish(ChangeEvents.Cluster(EventKind.ClusterAdded, $"c{i}"));
            Drain(reader);
        }

        Assert.False(stalled.WasDropped);
        Assert.Equal(2, bus.SubscriberCount);

        bus.Publish(ChangeEvents.Cluster(EventKind.ClusterAdded, "overflow"));

        Assert.True(stalled.Dropped.WaitHandle.WaitOne(Deadline), "the stalled subscriber's Dropped token was not cancelled");
        Assert.Equal(1, bus.SubscriberCount);
        Assert.Equal("overflow", Assert.Single(Drain(reader)).Content.Event.ClusterId);

        // What was queued before the overflow can still be read, then the queue reports its end.
        Assert.Equal(4, Drain(stalled).Count);
        Assert.True(stalled.Queue.Completion.IsCompleted);

        bus.Publish(ChangeEvents.Cluster(EventKind.ClusterAdded, "after"));
        Assert.Equal("after", Assert.Single(Drain(reader)).Content.Event.ClusterId);
        Assert.Empty(Drain(stalled));
    }

    [Fact]
    public void Publishing_to_a_full_subscriber_returns_at_once()
    {
        var bus = new EventBus(queueCapacity: 1);
        var stalled = bus.Subscribe();

        // Were Publish to wait for room, the second call would never return on this thread.
        bus.Publish(ChangeEvents.Cluster(EventKind.ClusterAdded, "a"));
        bus.Publish(ChangeEvents.Cluster(EventKind.ClusterAdded, "b"));
        bus.Publish(ChangeEvents.Cluster(EventKind.ClusterAdded, "c"));

        Assert.Equal(3UL, bus.LastSequence);
        Assert.True(stalled.WasDropped || stalled.Dropped.WaitHandle.WaitOne(Deadline));
    }

    [Fact]
    public void A_disposed_subscriber_is_removed_and_not_counted_as_dropped()
    {
        var bus = new EventBus();
        var subscriber = bus.Subscribe();

        subscriber.Dispose();
        bus.Publish(ChangeEvents.Cluster(EventKind.ClusterAdded, "a"));

        Assert.Equal(0, bus.SubscriberCount);
        Assert.False(subscriber.WasDropped);
        Assert.Empty(Drain(subscriber));
    }

    [Fact]
    public void A_command_peer_is_stamped_on_the_event_and_the_proxy_itself_is_not()
    {
        var bus = new EventBus();
        using var subscriber = bus.Subscribe();

        bus.Publish(ChangeEvents.Cluster(EventKind.ClusterAdded, "by-peer"), new CommandPeer(1234, 100, 4321, "alice"));
        bus.Publish(ChangeEvents.Cluster(EventKind.ClusterAdded, "by-proxy"), CommandPeer.Proxy);

        var received = Drain(subscriber).Select(r => r.Content.Event).ToList();
        Assert.Equal(1234U, received[0].PeerUid);
        Assert.Equal(4321, received[0].PeerPid);
        Assert.False(received[1].HasPeerUid);
        Assert.False(received[1].HasPeerPid);
    }

    private static List<Response> Drain(EventSubscriber subscriber)
    {
        var responses = new List<Response>();
        while (subscriber.Queue.TryRead(out var response))
        {
            responses.Add(response);
        }

        return responses;
    }
}
