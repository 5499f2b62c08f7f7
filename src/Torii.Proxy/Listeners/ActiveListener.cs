using System.Net.Sockets;
using Torii.Proxy.Connections;
using Torii.Proxy.Logging;

namespace Torii.Proxy.Listeners;

/// <summary>
/// A listening socket and its accept loop; each accepted connection runs as its own task with the
/// settings current when it was accepted (an immutable record, swapped whole by a listener update).
/// </summary>
public sealed class ActiveListener(Socket socket, ListenerSettings settings, ConnectionTracker connections, Func<Socket, ListenerSettings, Task> runSession)
{
    private readonly CancellationTokenSource _stop = new();
    private Task _acceptLoop = Task.CompletedTask;
    private ListenerSettings _settings = settings;

    public ListenerSettings Settings
    {
        get => Volatile.Read(ref _settings);
        set => Volatile.Write(ref _settings, value);
    }

    /// <summary>The listening socket, for handing it to a new process during an upgrade.</summary>
    public Socket Socket => socket;

    public void Start() => _acceptLoop = Task.Run(AcceptLoopAsync);

    /// <summary>
    /// Stops accepting; connections already accepted carry on. The pending accept is cancelled before
    /// the socket is closed: closing a socket with an operation in flight makes .NET shut the socket
    /// down, which would also stop a process the socket was handed to. A plain close only drops this
    /// process's descriptor, and connections still queued stay for whoever else holds the socket.
    /// </summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _acceptLoop.ConfigureAwait(false);
        socket.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await socket.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException { SocketErrorCode: SocketError.OperationAborted })
            {
                return;
            }
            catch (SocketException e)
            {
                Log.Warn($"listener {Settings.Address}: accept failed: {e.SocketErrorCode}");
                continue;
            }

            client.NoDelay = true;
            if (connections.TryEnter())
            {
                _ = RunAsync(client, Settings);
                continue;
            }

            var settings = Settings;
            if (!connections.TryQueue(client, queued => ThreadPool.UnsafeQueueUserWorkItem(static state => _ = state.Listener.RunAsync(state.Client, state.Settings), (Listener: this, Client: queued, Settings: settings), preferLocal: false)))
            {
                Log.Warn($"listener {settings.Address}: max_connections reached, refusing {client.RemoteEndPoint}");
                client.Dispose();
            }
        }
    }

    private async Task RunAsync(Socket client, ListenerSettings settings)
    {
        try
        {
            await runSession(client, settings).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log.Error($"listener {settings.Address}: session failed: {e}");
            client.Dispose();
        }
        finally
        {
            connections.Exit();
        }
    }
}
