using System.Net.Sockets;
using Torii.Protocol;

namespace Torii.Client;

/// <summary>
/// A subscribe_events connection, already subscribed: every change applied after
/// <see cref="ToriiClient.OpenEventSubscriptionAsync"/> returned is delivered, so a consumer
/// that subscribes first and then reads the state misses nothing. Disposing closes it.
/// </summary>
public sealed class EventSubscription : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly CommandChannel<Response, Request> _channel;
    private readonly string _socketPath;

    private EventSubscription(Socket socket, ToriiClientOptions options)
    {
        _socket = socket;
        _socketPath = options.SocketPath;
        _channel = CommandChannel<Response, Request>.Create(new NetworkStream(socket, ownsSocket: true), options.MaxFrameSize);
    }

    /// <summary>Connects and subscribes, within the request timeout.</summary>
    internal static async Task<EventSubscription> OpenAsync(ToriiClientOptions options, ConnectionEvents events, CancellationToken cancellationToken)
    {
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            giveUp.CancelAfter(options.RequestTimeout);
        }

        var socket = await new SocketConnector(options, events).ConnectAsync(giveUp.Token, cancellationToken).ConfigureAwait(false);
        var stream = new EventSubscription(socket, options);
        try
        {
            await stream._channel.WriteAsync(new Request { SubscribeEvents = new SubscribeEvents() }, giveUp.Token).ConfigureAwait(false);
            var answer = await stream.ReadAsync(giveUp.Token).ConfigureAwait(false);
            if (answer.Status != ResponseStatus.Ok)
            {
                throw new CommandFailedException(RequestNames.Of(Request.RequestTypeOneofCase.SubscribeEvents), answer);
            }

            return stream;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw new ProxyUnavailableException(options.SocketPath, $"the proxy at {options.SocketPath} did not answer subscribe_events within {options.RequestTimeout}");
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The next event, waiting for it.</summary>
    /// <exception cref="ProxyUnavailableException">The proxy closed the stream: it stopped, or dropped this subscriber for falling behind.</exception>
    public async Task<Event> NextAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var answer = await ReadAsync(cancellationToken).ConfigureAwait(false);
            if (answer.Content?.Event is { } change)
            {
                return change;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        await _channel.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<Response> ReadAsync(CancellationToken cancellationToken)
    {
        Response? answer;
        try
        {
            answer = await _channel.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            throw new ProxyUnavailableException(_socketPath, $"the event stream from {_socketPath} broke: {e.Message}", e);
        }

        return answer ?? throw new ProxyUnavailableException(
            _socketPath,
            $"the proxy at {_socketPath} closed the event stream (it stopped, or dropped this subscriber for falling too far behind): re-read the state and subscribe again");
    }
}
