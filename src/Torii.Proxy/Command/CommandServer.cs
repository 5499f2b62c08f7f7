using System.Net.Sockets;
using Torii.Protocol;
using Torii.Proxy.Logging;
using Torii.Proxy.Sockets;

namespace Torii.Proxy.Command;

/// <summary>
/// The UNIX command socket: owner-only, one task per client, requests of a
/// connection applied in order, read and answered on the command's own socket
/// loop. A frame that is too large or does not decode gets a FAILURE and closes
/// that connection only.
/// </summary>
public sealed partial class CommandServer(string socketPath, long maxFrameSize, CommandDispatcher dispatcher) : IAsyncDisposable
{
    /// <summary>Most answers sent with one write: bounds how long the first of a burst waits for its answer.</summary>
    private const int MaxBatch = 64;

    private readonly CancellationTokenSource _stopping = new();
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private bool _handedOver;

    public string SocketPath => socketPath;

    /// <summary>The listening socket, for handing it to a new process during an upgrade.</summary>
    public Socket? ListeningSocket => _listener;

    /// <param name="inherited">The socket an upgraded-from process handed over; null to create the socket file.</param>
    public void Start(Socket? inherited = null)
    {
        _listener = inherited ?? UnixSocketFile.Listen(socketPath);
        _acceptLoop = Task.Run(AcceptLoopAsync);
        Log.Info(inherited is null ? $"command socket listening at {socketPath}" : $"command socket {socketPath} taken over");
    }

    /// <summary>
    /// After an upgrade: stops accepting and closes every client connection (their requests
    /// belong to the new process now; clients reconnect to the same path). The socket is neither
    /// closed nor unlinked here, because the new process serves it.
    /// </summary>
    public void HandOver()
    {
        _handedOver = true;
        _stopping.Cancel();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _acceptLoop.ConfigureAwait(false);
        if (_listener is not null && !_handedOver)
        {
            _listener.Dispose();
            UnixSocketFile.Delete(socketPath);
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener!.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        var peer = CommandPeer.Of(client);
        await using var channel = CommandChannel<Request, Response>.Create(new LoopStream(LoopSocket.On(client, SocketLoops.Command)), maxFrameSize);
        var requests = new List<Request>(MaxBatch);
        var responses = new List<Response>(MaxBatch);
        try
        {
            while (true)
            {
                var request = await channel.ReadAsync(_stopping.Token).ConfigureAwait(false);
                if (request is null)
                {
                    return;
                }

                if (IsSubscription(request))
                {
                    await StreamEventsAsync(client, channel).ConfigureAwait(false);
                    return;
                }

                var (unreadable, subscription) = await ExecuteBufferedAsync(channel, request, peer, requests, responses).ConfigureAwait(false);
                await channel.WriteAsync(responses, _stopping.Token).ConfigureAwait(false);
                for (int i = 0; i < requests.Count; i++)
                {
                    dispatcher.AfterResponseSent(requests[i], responses[i]);
                }

                if (unreadable is not null)
                {
                    throw unreadable;
                }

                if (subscription)
                {
                    await StreamEventsAsync(client, channel).ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (ProtocolException e)
        {
            Log.Warn($"command socket: {e.Message}; closing that connection");
            await TrySendAsync(channel, Responses.Failure(e.Message)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            Log.Debug($"command socket: client left: {e.Message}");
        }
        catch (HandedOverException)
        {
            Log.Debug("command socket: closing a client connection: the command socket was handed over");
        }
    }

    /// <summary>
    /// Executes <paramref name="first"/> and, in order, the requests already buffered behind it, so a
    /// pipelining client's burst is answered with one send instead of one per request.
    /// </summary>
    /// <returns>
    /// The error of a frame behind the executed ones that could not be read (their answers go out
    /// first, then the FAILURE for it), or the handover that stopped the burst after its executed
    /// requests (their answers go out, then the connection closes); and whether the burst ended
    /// with a subscribe_events, which is answered once the answers before it are sent.
    /// </returns>
    private async Task<(Exception? Unreadable, bool Subscription)> ExecuteBufferedAsync(
        CommandChannel<Request, Response> channel, Request first, CommandPeer peer, List<Request> requests, List<Response> responses)
    {
        requests.Clear();
        responses.Clear();
        Request? request = first;
        while (true)
        {
            Response response;
            try
            {
                response = await dispatcher.ExecuteAsync(request, peer, _stopping.Token).ConfigureAwait(false);
            }
            catch (HandedOverException e) when (requests.Count > 0)
            {
                return (e, false);
            }

            requests.Add(request);
            responses.Add(response);

            // A stop takes effect once its answer is sent, before any later request is executed.
            if (requests.Count == MaxBatch || StopsTheProxy(request))
            {
                return (null, false);
            }

            try
            {
                if (!channel.TryRead(out request))
                {
                    return (null, false);
                }
            }
            catch (ProtocolException e)
            {
                return (e, false);
            }

            if (IsSubscription(request))
            {
                return (null, true);
            }
        }
    }

    private static bool IsSubscription(Request request) => request.RequestTypeCase == Request.RequestTypeOneofCase.SubscribeEvents;

    private static bool StopsTheProxy(Request request) =>
        request.RequestTypeCase is Request.RequestTypeOneofCase.SoftStop or Request.RequestTypeOneofCase.HardStop
            or Request.RequestTypeOneofCase.UpgradeMain or Request.RequestTypeOneofCase.UpgradeWorker;

    private static async Task TrySendAsync(CommandChannel<Request, Response> channel, Response response)
    {
        try
        {
            await channel.WriteAsync(response).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            // The client is gone; nothing else to tell it.
        }
    }
}
