using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Torii.EndToEnd.Tests.Infrastructure.Postgres;

/// <summary>
/// Not PostgreSQL: a loopback listener that runs a scripted conversation on each connection, to play a server that
/// breaks the protocol, or one that accepts and then never reads nor writes (a firewalled or hung server).
/// Connections stay open until the script closes them or the server is disposed.
/// </summary>
public sealed class FakePostgresServer : IDisposable
{
    private readonly Socket _listener;
    private readonly Func<NetworkStream, Task>? _conversation;
    private readonly ConcurrentBag<Socket> _connections = [];

    /// <param name="conversation">What to do on each connection; null to accept and stay silent.</param>
    public FakePostgresServer(Func<NetworkStream, Task>? conversation)
    {
        _conversation = conversation;
        _listener = LoopbackListener.Start(Accepted);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    /// <summary>Reads the StartupMessage, answers <paramref name="answer"/>, and closes if asked.</summary>
    public static FakePostgresServer Answering(byte[] answer, bool closeAfterAnswer = false) =>
        new(async stream =>
        {
            await ReadStartupAsync(stream);
            await stream.WriteAsync(answer);
            if (closeAfterAnswer)
            {
                stream.Socket.Shutdown(SocketShutdown.Both);
            }
        });

    /// <summary>Reads the StartupMessage (an Int32 length that counts itself, then the rest).</summary>
    public static async Task ReadStartupAsync(Stream stream)
    {
        var length = new byte[4];
        await stream.ReadExactlyAsync(length);
        await stream.ReadExactlyAsync(new byte[BinaryPrimitives.ReadInt32BigEndian(length) - 4]);
    }

    /// <summary>Reads one typed client message and returns its body.</summary>
    public static async Task<byte[]> ReadMessageAsync(Stream stream, char expectedType)
    {
        var header = new byte[5];
        await stream.ReadExactlyAsync(header);
        Assert.Equal(expectedType, (char)header[0]);
        var body = new byte[BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1)) - 4];
        await stream.ReadExactlyAsync(body);
        return body;
    }

    /// <summary>A server message: the type, an Int32 length that counts itself, the body.</summary>
    public static byte[] Message(char type, ReadOnlySpan<byte> body)
    {
        var message = new byte[5 + body.Length];
        message[0] = (byte)type;
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(1), 4 + body.Length);
        body.CopyTo(message.AsSpan(5));
        return message;
    }

    /// <summary>An Authentication message ('R'): the request code, then its data.</summary>
    public static byte[] Authentication(int code, ReadOnlySpan<byte> data)
    {
        var body = new byte[4 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(body, code);
        data.CopyTo(body.AsSpan(4));
        return Message('R', body);
    }

    public void Dispose()
    {
        _listener.Dispose();
        foreach (Socket connection in _connections)
        {
            connection.Dispose();
        }
    }

    private void Accepted(Socket client)
    {
        _connections.Add(client);
        if (_conversation is not null)
        {
            _ = ConverseAsync(client, _conversation);
        }
    }

    private static async Task ConverseAsync(Socket client, Func<NetworkStream, Task> conversation)
    {
        try
        {
            await conversation(new NetworkStream(client, ownsSocket: false));
        }
        catch (Exception e) when (e is ObjectDisposedException or IOException or SocketException)
        {
            // The client gave up first; the test judges by what the client saw.
        }
    }
}
