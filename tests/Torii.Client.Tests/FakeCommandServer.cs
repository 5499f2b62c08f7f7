using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Threading.Channels;
using Torii.Protocol;

namespace Torii.Client.Tests;

/// <summary>
/// A command server speaking the real framing over a real UNIX socket. Each connection reads
/// requests ahead (as the proxy's socket buffer would) and hands them to the handler one at a
/// time, in order, so pipelined answers come back in request order.
/// </summary>
public sealed class FakeCommandServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly CommandHandler _handler;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<int, (FakeConnection Connection, Socket Socket)> _connections = new();
    private readonly ConcurrentBag<Task> _connectionTasks = [];
    private readonly Task _acceptLoop;
    private int _accepted;
    private int _stopped;

    private FakeCommandServer(string socketPath, CommandHandler handler)
    {
        SocketPath = socketPath;
        _handler = handler;
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        _listener.Listen(512);
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public string SocketPath { get; }

    /// <summary>Every request received, in arrival order across all connections.</summary>
    public ConcurrentQueue<Request> Received { get; } = new();

    public int ConnectionsAccepted => Volatile.Read(ref _accepted);

    /// <summary>Fires with each request as soon as it is read, before it is handled.</summary>
    public event Action<Request, FakeConnection>? RequestReceived;

    public static FakeCommandServer Start(string socketPath, CommandHandler handler) => new(socketPath, handler);

    /// <summary>Answers every request OK with a message naming it: "name:detail".</summary>
    public static Task Echo(Request request, FakeConnection connection, CancellationToken cancellationToken) =>
        connection.RespondAsync(Responses.Ok(EchoMessage(request)), cancellationToken).AsTask();

    public static string EchoMessage(Request request) => $"{RequestNames.Of(request)}:{Detail(request)}";

    /// <summary>Closes the listener and every connection and removes the socket file.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        _listener.Dispose();
        foreach ((FakeConnection _, Socket socket) in _connections.Values)
        {
            socket.Dispose();
        }

        await _acceptLoop;
        await Task.WhenAll(_connectionTasks);
        File.Delete(SocketPath);
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private static string Detail(Request request) => request.RequestTypeCase switch
    {
        Request.RequestTypeOneofCase.QueryClusterById => request.QueryClusterById,
        Request.RequestTypeOneofCase.RemoveCluster => request.RemoveCluster,
        Request.RequestTypeOneofCase.AddCluster => request.AddCluster.ClusterId,
        Request.RequestTypeOneofCase.SaveState => request.SaveState,
        Request.RequestTypeOneofCase.LoadState => request.LoadState,
        Request.RequestTypeOneofCase.Logging => request.Logging,
        _ => "",
    };

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            int id = Interlocked.Increment(ref _accepted);
            var channel = CommandChannel<Request, Response>.Create(new NetworkStream(socket, ownsSocket: true));
            var connection = new FakeConnection(id, socket, channel);
            _connections[id] = (connection, socket);
            _connectionTasks.Add(Task.Run(() => ServeAsync(connection, socket, channel)));
        }
    }

    private async Task ServeAsync(FakeConnection connection, Socket socket, CommandChannel<Request, Response> channel)
    {
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        var queue = Channel.CreateUnbounded<Request>();
        Task reading = ReadAheadAsync(channel, connection, queue.Writer, closing);
        try
        {
            await foreach (Request request in queue.Reader.ReadAllAsync(closing.Token))
            {
                await _handler(request, connection, closing.Token);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The client, the test or the server closed the connection; nothing is left to answer.
        }
        finally
        {
            await closing.CancelAsync();
            socket.Dispose();
            await reading;
            await channel.DisposeAsync();
            _connections.TryRemove(connection.Id, out _);
            connection.MarkClosed();
        }
    }

    private async Task ReadAheadAsync(
        CommandChannel<Request, Response> channel, FakeConnection connection, ChannelWriter<Request> queue, CancellationTokenSource closing)
    {
        try
        {
            while (await channel.ReadAsync(closing.Token) is { } request)
            {
                Received.Enqueue(request);
                RequestReceived?.Invoke(request, connection);
                await queue.WriteAsync(request, closing.Token);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or SocketException or ObjectDisposedException or ProtocolException)
        {
            // Reading stops with the connection; the handler loop is told below.
        }
        finally
        {
            queue.TryComplete();
        }

        // The client is gone: stop the handler loop too, so a handler that never answers sees its token fire.
        if (!closing.IsCancellationRequested)
        {
            await closing.CancelAsync();
        }
    }
}
