using System.Diagnostics.CodeAnalysis;
using Torii.Protocol;
using Torii.Proxy.Events;

namespace Torii.Proxy.Command;

public sealed partial class CommandDispatcher
{
    private EventBus? _events;

    /// <summary>The peer of the request being executed (under the gate); the proxy itself otherwise.</summary>
    private CommandPeer _peer = CommandPeer.Proxy;

    /// <summary>Null until <see cref="PublishEventsTo"/>: a dispatcher that rehearses a reload tells no one.</summary>
    public EventBus? Events => _events;

    /// <summary>From now on every applied change, and every backend health transition, is published to <paramref name="events"/>.</summary>
    public void PublishEventsTo(EventBus events)
    {
        _events = events;
        state.Events = events;
    }

    /// <summary>
    /// Registers a subscriber under the gate, so it receives exactly the changes applied after
    /// its OK. Null when this dispatcher publishes no events.
    /// </summary>
    public async Task<EventSubscriber?> SubscribeAsync(CancellationToken cancellationToken)
    {
        await _gate.EnterAsync(inline: false, cancellationToken).ConfigureAwait(false);
        try
        {
            var name = RequestNames.Of(Request.RequestTypeOneofCase.SubscribeEvents);
            _requestCounts[name] = _requestCounts.GetValueOrDefault(name) + 1;
            return _events?.Subscribe();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Whether applied changes are told: only while someone is subscribed. A subscriber registers under the gate,
    /// so it still receives every change applied after its OK; a state load of 300,000 requests with nobody
    /// listening no longer builds 300,000 events (bench/run.sh scenario s).
    /// </summary>
    [MemberNotNullWhen(true, nameof(_events))]
    private bool IsListenedTo => _events is { SubscriberCount: > 0 };

    private Cluster? ClusterBefore(Request request) =>
        IsListenedTo && request.RequestTypeCase == Request.RequestTypeOneofCase.AddCluster
            ? state.ClusterConfig(request.AddCluster.ClusterId)
            : null;

    private void PublishEvents(Request request, string message, Cluster? clusterBefore)
    {
        if (!IsListenedTo)
        {
            return;
        }

        EventKind? clusterChange = null;
        if (request.RequestTypeCase == Request.RequestTypeOneofCase.AddCluster)
        {
            var after = state.ClusterConfig(request.AddCluster.ClusterId);
            clusterChange = clusterBefore is null ? EventKind.ClusterAdded
                : ReferenceEquals(clusterBefore, after) ? null
                : EventKind.ClusterUpdated;
        }

        foreach (var change in ChangeEvents.Of(request, message, clusterChange))
        {
            _events.Publish(change, _peer);
        }
    }
}
