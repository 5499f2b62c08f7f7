using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Torii.EndToEnd.Tests.Infrastructure.Postgres;

/// <summary>
/// Not PostgreSQL: a loopback listener that reads the client's StartupMessage and answers with fixed bytes (then
/// closes, if asked), or, without an answer, accepts and never reads nor writes (a firewalled or hung server).
/// Connections otherwise stay open until disposal, so a client sees neither an answer nor a close.
/// </summary>
public sealed class CannedTcpServer : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly byte[]? _answer;
    private readonly ConcurrentBag<Socket> _connections = [];
    private readonly TaskCompletionSource _startupReceived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly bool _closeAfterAnswer;

    public CannedTcpServer(byte[]? answer, bool closeAfterAnswer = false)
    {
        _answer = answer;
        _closeAfterAnswer = closeAfterAnswer;
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen();
        _ = AcceptLoopAsync();
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    /// <summary>Completes once a whole StartupMessage has arrived on some connection.</summary>
    public Task StartupReceived => _startupReceived.Task;

    public void Dispose()
    {
        _listener.Dispose();
        foreach (Socket connection in _connections)
        {
            connection.Dispose();
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync();
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                return;
            }

            _connections.Add(client);
            if (_answer is not null)
            {
                _ = AnswerAsync(client, _answer);
            }
        }
    }

    private async Task AnswerAsync(Socket client, byte[] answer)
    {
        try
        {
            var length = new byte[4];
            await ReceiveExactlyAsync(client, length);
            await ReceiveExactlyAsync(client, new byte[BinaryPrimitives.ReadInt32BigEndian(length) - 4]);
            _startupReceived.TrySetResult();
            await client.SendAsync(answer);
            if (_closeAfterAnswer)
            {
                client.Shutdown(SocketShutdown.Both);
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException)
        {
            // The client gave up first.
        }
    }

    private static async Task ReceiveExactlyAsync(Socket client, byte[] buffer)
    {
        for (int received = 0; received < buffer.Length;)
        {
            int read = await client.ReceiveAsync(buffer.AsMemory(received));
            if (read == 0)
            {
                throw new SocketException((int)SocketError.ConnectionReset);
            }

            received += read;
        }
    }
}
