using System.Collections.Concurrent;
using System.Net.Sockets;
using Torii.Protocol;

namespace Torii.Cli.Tests.Running;

/// <summary>
/// A command socket that records what it receives and answers each request with the
/// responses a script gives: none at all makes it a proxy that never answers, null one
/// that hangs up.
/// </summary>
internal sealed class FakeProxy : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly Func<Request, IReadOnlyList<Response>?> _answer;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<Request> _received = new();
    private readonly Task _accepting;

    public FakeProxy(string socketPath, Func<Request, IReadOnlyList<Response>?> answer)
    {
        SocketPath = socketPath;
        _answer = answer;
        _listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        _listener.Listen();
        _accepting = AcceptAsync();
    }

    public string SocketPath { get; }

    public IReadOnlyList<Request> Received => [.. _received];

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Dispose();
        try
        {
            await _accepting;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping interrupts the pending accept; that is the point.
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket connection = await _listener.AcceptAsync(_stopping.Token);
            _ = ServeAsync(connection);
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        await using var channel = CommandChannel<Request, Response>.Create(new NetworkStream(connection, ownsSocket: true));
        try
        {
            while (await channel.ReadAsync(_stopping.Token) is Request request)
            {
                _received.Enqueue(request);
                if (_answer(request) is not { } responses)
                {
                    return;
                }

                foreach (Response response in responses)
                {
                    await channel.WriteAsync(response, _stopping.Token);
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or ProtocolException)
        {
            // The client hung up or the test is over.
        }
    }
}
