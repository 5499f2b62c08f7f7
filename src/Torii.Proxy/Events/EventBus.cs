using Torii.Protocol;
using Torii.Proxy.Command;

namespace Torii.Proxy.Events;

/// <summary>
/// Hands every change to the subscribers, in the order the changes were applied. Publishing
/// never waits: each subscriber has a bounded queue, and one whose queue is full is dropped,
/// so a slow reader never slows the proxy or the command path.
/// </summary>
public sealed class EventBus(int queueCapacity = EventBus.DefaultQueueCapacity)
{
    public const int DefaultQueueCapacity = 4096;

    private readonly Lock _lock = new();
    private EventSubscriber[] _subscribers = [];
    private ulong _sequence;

    public int SubscriberCount => Volatile.Read(ref _subscribers).Length;

    /// <summary>The sequence number of the last event published (0 before the first).</summary>
    public ulong LastSequence
    {
        get
        {
            lock (_lock)
            {
                return _sequence;
            }
        }
    }

    public EventSubscriber Subscribe()
    {
        var subscriber = new EventSubscriber(queueCapacity, Unsubscribe);
        lock (_lock)
        {
            _subscribers = [.. _subscribers, subscriber];
        }

        return subscriber;
    }

    /// <summary>
    /// Numbers and stamps the event, then queues it for every subscriber. The lock makes the
    /// sequence order the delivery order, whichever thread publishes (the command path, health checks).
    /// </summary>
    public void Publish(Event change, CommandPeer? peer = null)
    {
        if (peer is { IsProxy: false })
        {
            change.PeerUid = peer.Uid;
            change.PeerPid = peer.Pid;
        }

        lock (_lock)
        {
            change.Sequence = ++_sequence;
            change.Time = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var subscribers = _subscribers;
            if (subscribers.Length == 0)
            {
                return;
            }

            // One answer shared by every subscriber: it is only ever read from now on.
            var response = new Response { Status = ResponseStatus.Ok, Content = new ResponseContent { Event = change } };
            foreach (var subscriber in subscribers)
            {
                subscriber.Offer(response);
            }
        }
    }

    private void Unsubscribe(EventSubscriber subscriber)
    {
        lock (_lock)
        {
            var index = Array.IndexOf(_subscribers, subscriber);
            if (index >= 0)
            {
                _subscribers = [.. _subscribers[..index], .. _subscribers[(index + 1)..]];
            }
        }
    }
}
