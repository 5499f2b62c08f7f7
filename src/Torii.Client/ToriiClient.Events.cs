using System.Runtime.CompilerServices;
using Torii.Protocol;

namespace Torii.Client;

public sealed partial class ToriiClient
{
    /// <summary>
    /// Every change the proxy applies from now on, in order, as it happens (subscribe_events), on a
    /// connection of its own: the pool's connections keep serving requests meanwhile. Each event's
    /// sequence is one more than the last; a gap means events were missed. Cancelling, or leaving
    /// the loop, closes the connection.
    /// </summary>
    /// <exception cref="ProxyUnavailableException">
    /// The proxy could not be reached within the request timeout, or closed the stream: it stopped,
    /// or dropped this subscriber because it fell a whole queue of events behind. Re-read the state,
    /// then subscribe again.
    /// </exception>
    /// <exception cref="CommandFailedException">The proxy refused the subscription.</exception>
    public async IAsyncEnumerable<Event> SubscribeEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        await using var subscription = await OpenEventSubscriptionAsync(stop.Token).ConfigureAwait(false);
        while (true)
        {
            yield return await subscription.NextAsync(stop.Token).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Like <see cref="SubscribeEventsAsync"/>, but returns once the proxy has accepted the
    /// subscription: subscribe, then read the state, and no change falls between the two.
    /// </summary>
    /// <inheritdoc cref="SubscribeEventsAsync" path="/exception"/>
    public Task<EventSubscription> OpenEventSubscriptionAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return EventSubscription.OpenAsync(_options, _connectionEvents, cancellationToken);
    }
}
