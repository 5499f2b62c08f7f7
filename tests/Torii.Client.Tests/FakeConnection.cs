using System.Net.Sockets;
using Torii.Protocol;

namespace Torii.Client.Tests;

/// <summary>The server side of one client connection to <see cref="FakeCommandServer"/>.</summary>
public sealed class FakeConnection
{
    private readonly Socket _socket;
    private readonly CommandChannel<Request, Response> _channel;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal FakeConnection(int id, Socket socket, CommandChannel<Request, Response> channel)
    {
        Id = id;
        _socket = socket;
        _channel = channel;
    }

    public int Id { get; }

    /// <summary>Completes once the server stopped serving this connection.</summary>
    public Task Closed => _closed.Task;

    public ValueTask RespondAsync(Response response, CancellationToken cancellationToken = default) =>
        _channel.WriteAsync(response, cancellationToken);

    /// <summary>Drops the connection at once, as a crashing proxy would.</summary>
    public void Abort() => _socket.Dispose();

    internal void MarkClosed() => _closed.TrySetResult();
}
