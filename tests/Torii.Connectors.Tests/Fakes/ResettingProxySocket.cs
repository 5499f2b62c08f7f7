using System.Collections.Concurrent;
using System.Net.Sockets;
using Torii.Protocol;

namespace Torii.Connectors.Tests.Fakes;

/// <summary>
/// A proxy command socket that answers every request OK, until the add_backend numbered ResetAt on the first
/// connection: then it drops that connection with requests still unread and unanswered, goes away (the socket
/// file is removed, so connecting is refused), and comes back after Downtime. As a killed and restarted torii.
/// </summary>
/// <remarks>
/// Only add_backend requests count: the sender's own status probes share the connection, and a reset that fell on
/// one of them before the loop had written anything would leave the loop nothing to fail.
/// </remarks>
internal sealed class ResettingProxySocket : IAsyncDisposable
{
    private readonly int _resetAt;
    private readonly TimeSpan _downtime;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentBag<Task> _tasks = [];
    private readonly TaskCompletionSource _restarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Socket _listener;
    private int _addBackendsReadOnFirst;

    public ResettingProxySocket(string socketPath, int resetAt, TimeSpan downtime)
    {
        SocketPath = socketPath;
        _resetAt = resetAt;
        _downtime = downtime;
        _listener = Listen(socketPath);
        _tasks.Add(Task.Run(() => AcceptAsync(_listener, first: true)));
    }

    public string SocketPath { get; }

    /// <summary>Backend ids of the add_backend requests answered OK, on any connection.</summary>
    public ConcurrentDictionary<string, bool> Applied { get; } = new();

    /// <summary>Completes once the socket is back after the reset.</summary>
    public Task Restarted => _restarted.Task;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Volatile.Read(ref _listener).Dispose();
        await Task.WhenAll(_tasks).WaitAsync(TimeSpan.FromSeconds(10));
        _stopping.Dispose();
    }

    private static Socket Listen(string socketPath)
    {
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen(64);
        return listener;
    }

    private async Task AcceptAsync(Socket listener, bool first)
    {
        bool served = false;
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            // Only the first connection of the first life is reset; later ones, and the client's reconnects, are served.
            bool resetThis = first && !served;
            served = true;
            _tasks.Add(Task.Run(() => ServeAsync(socket, resetThis)));
        }
    }

    private async Task ServeAsync(Socket socket, bool resetThis)
    {
        CommandChannel<Request, Response> channel = CommandChannel<Request, Response>.Create(new NetworkStream(socket, ownsSocket: true));
        try
        {
            while (await channel.ReadAsync(_stopping.Token) is { } request)
            {
                if (resetThis && request.AddBackend is not null && Interlocked.Increment(ref _addBackendsReadOnFirst) == _resetAt)
                {
                    GoAwayAndComeBack(socket);
                    return;
                }

                if (request.AddBackend is { } added)
                {
                    Applied[added.BackendId] = true;
                }

                await channel.WriteAsync(new Response { Status = ResponseStatus.Ok }, _stopping.Token);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The client or the test closed the connection.
        }
        finally
        {
            socket.Dispose();
            await channel.DisposeAsync();
        }
    }

    private void GoAwayAndComeBack(Socket socket)
    {
        socket.Dispose();
        Volatile.Read(ref _listener).Dispose();
        File.Delete(SocketPath);
        _tasks.Add(Task.Run(async () =>
        {
            await Task.Delay(_downtime, _stopping.Token);
            Socket listener = Listen(SocketPath);
            Volatile.Write(ref _listener, listener);
            _restarted.TrySetResult();
            await AcceptAsync(listener, first: false);
        }));
    }
}
