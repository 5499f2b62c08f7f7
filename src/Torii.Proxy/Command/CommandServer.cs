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
        try
        {
            while (true)
            {
                var request = await channel.ReadAsync(_stopping.Token).ConfigureAwait(false);
                if (request is null)
                {
                    return;
                }

                var response = await dispatcher.ExecuteAsync(request, _stopping.Token).ConfigureAwait(false);
                await channel.WriteAsync(response, _stopping.Token).ConfigureAwait(false);
                dispatcher.AfterResponseSent(request, response);
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
