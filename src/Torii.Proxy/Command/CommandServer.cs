using System.Net.Sockets;
using Torii.Protocol;
using Torii.Proxy.Logging;

namespace Torii.Proxy.Command;

/// <summary>
/// The UNIX command socket: owner-only, one task per client, requests of a
/// connection applied in order. A frame that is too large or does not decode gets
/// a FAILURE and closes that connection only.
/// </summary>
public sealed class CommandServer(string socketPath, long maxFrameSize, CommandDispatcher dispatcher) : IAsyncDisposable
{
    /// <summary>Most answers sent with one write: bounds how long the first of a burst waits for its answer.</summary>
    private const int MaxBatch = 64;

    private readonly CancellationTokenSource _stopping = new();
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;

    public string SocketPath => socketPath;

    public void Start()
    {
        _listener = UnixSocketFile.Listen(socketPath);
        _acceptLoop = Task.Run(AcceptLoopAsync);
        Log.Info($"command socket listening at {socketPath}");
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        if (_listener is not null)
        {
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
        await using var channel = CommandChannel<Request, Response>.Create(new NetworkStream(client, ownsSocket: true), maxFrameSize);
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

                ProtocolException? unreadable = await ExecuteBufferedAsync(channel, request, requests, responses).ConfigureAwait(false);
                await channel.WriteAsync(responses, _stopping.Token).ConfigureAwait(false);
                for (int i = 0; i < requests.Count; i++)
                {
                    dispatcher.AfterResponseSent(requests[i], responses[i]);
                }

                if (unreadable is not null)
                {
                    throw unreadable;
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
    }

    /// <summary>
    /// Executes <paramref name="first"/> and, in order, the requests already buffered behind it, so a
    /// pipelining client's burst is answered with one send instead of one per request.
    /// </summary>
    /// <returns>
    /// The error of a frame behind the executed ones that could not be read: their answers go out
    /// first, then the FAILURE for it.
    /// </returns>
    private async Task<ProtocolException?> ExecuteBufferedAsync(
        CommandChannel<Request, Response> channel, Request first, List<Request> requests, List<Response> responses)
    {
        requests.Clear();
        responses.Clear();
        Request? request = first;
        while (true)
        {
            requests.Add(request);
            responses.Add(await dispatcher.ExecuteAsync(request, _stopping.Token).ConfigureAwait(false));

            // A stop takes effect once its answer is sent, before any later request is executed.
            if (requests.Count == MaxBatch || StopsTheProxy(request))
            {
                return null;
            }

            try
            {
                if (!channel.TryRead(out request))
                {
                    return null;
                }
            }
            catch (ProtocolException e)
            {
                return e;
            }
        }
    }

    private static bool StopsTheProxy(Request request) =>
        request.RequestTypeCase is Request.RequestTypeOneofCase.SoftStop or Request.RequestTypeOneofCase.HardStop;

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
