using System.Net.Sockets;
using Torii.Protocol;
using Torii.Proxy.Events;
using Torii.Proxy.Logging;

namespace Torii.Proxy.Command;

public sealed partial class CommandServer
{
    private const string EventsOnly =
        "this connection is subscribed to events and carries nothing else: send requests on another connection";

    /// <summary>
    /// After subscribe_events: answers OK, then sends every queued event until the client leaves,
    /// the proxy stops, or the subscriber falls a whole queue behind and is dropped (the
    /// connection is then closed). Requests sent on the connection meanwhile are refused, not applied.
    /// </summary>
    private async Task StreamEventsAsync(Socket client, CommandChannel<Request, Response> channel)
    {
        using var subscriber = await dispatcher.SubscribeAsync(_stopping.Token).ConfigureAwait(false);
        if (subscriber is null)
        {
            await channel.WriteAsync(Responses.Failure("this proxy publishes no events"), _stopping.Token).ConfigureAwait(false);
            return;
        }

        // A writer blocked on a client that reads nothing is only freed by closing its socket.
        using var closeOnDrop = subscriber.Dropped.UnsafeRegister(static state => ((Socket)state!).Dispose(), client);
        using var streaming = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, subscriber.Dropped);
        await channel.WriteAsync(Responses.Ok("subscribed: one answer per event follows"), streaming.Token).ConfigureAwait(false);
        var refusing = RefuseRequestsAsync(channel, subscriber, streaming);
        try
        {
            await SendEventsAsync(channel, subscriber, streaming.Token).ConfigureAwait(false);
        }
        finally
        {
            if (subscriber.WasDropped)
            {
                Log.Warn($"command socket: an event subscriber fell {subscriber.Capacity} events behind; closing its connection");
            }

            await streaming.CancelAsync().ConfigureAwait(false);
            await refusing.ConfigureAwait(false);
        }
    }

    private static async Task SendEventsAsync(CommandChannel<Request, Response> channel, EventSubscriber subscriber, CancellationToken cancellationToken)
    {
        var batch = new List<Response>(MaxBatch);
        while (await subscriber.Queue.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && subscriber.Queue.TryRead(out var response))
            {
                batch.Add(response);
            }

            await channel.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads until the client leaves (which ends the stream); each request gets a FAILURE in its turn among the events.</summary>
    private static async Task RefuseRequestsAsync(CommandChannel<Request, Response> channel, EventSubscriber subscriber, CancellationTokenSource streaming)
    {
        try
        {
            while (await channel.ReadAsync(streaming.Token).ConfigureAwait(false) is { } request)
            {
                Log.Debug($"command socket: {RequestNames.Of(request)} refused on an event subscription");
                subscriber.Offer(Responses.Failure(EventsOnly));
            }
        }
        catch (Exception e) when (e is ProtocolException or IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The stream ends either way; the sender reports nothing more to a client that is gone or broken.
        }

        subscriber.Dispose();
    }
}
