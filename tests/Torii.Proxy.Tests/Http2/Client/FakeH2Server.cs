using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Torii.Proxy.Http2;
using Torii.Proxy.Http2.Frames;

namespace Torii.Proxy.Tests.Http2.Client;

/// <summary>The server end of one loopback connection, played frame by frame by a test.</summary>
internal sealed class FakeH2Server : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly Socket _socket;

    private FakeH2Server(Socket socket, Socket client)
    {
        _socket = socket;
        Client = client;
    }

    /// <summary>The proxy's end, for the connection under test.</summary>
    public Socket Client { get; }

    public static async Task<FakeH2Server> StartAsync()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var accept = listener.AcceptAsync();
        await client.ConnectAsync(listener.LocalEndPoint!);
        return new FakeH2Server(await accept, client);
    }

    /// <summary>Reads the client preface and the SETTINGS and WINDOW_UPDATE that follow it.</summary>
    public async Task<byte[]> ExpectPrefaceAsync()
    {
        var preface = await ReadExactlyAsync(Http2Connection.Preface.Length);
        Assert.True(Http2Connection.Preface.SequenceEqual(preface));
        var (settings, payload) = await ReadFrameAsync();
        Assert.Equal(FrameType.Settings, settings.Type);
        var (update, _) = await ReadFrameAsync();
        Assert.Equal(FrameType.WindowUpdate, update.Type);
        return payload;
    }

    public async Task<(FrameHeader Header, byte[] Payload)> ReadFrameAsync()
    {
        var header = FrameHeader.Read(await ReadExactlyAsync(FrameHeader.Size));
        return (header, await ReadExactlyAsync(header.Length));
    }

    /// <summary>The next frame other than a WINDOW_UPDATE (the client's credits come when they come).</summary>
    public async Task<(FrameHeader Header, byte[] Payload)> ReadFrameSkippingUpdatesAsync()
    {
        while (true)
        {
            var frame = await ReadFrameAsync();
            if (frame.Header.Type != FrameType.WindowUpdate)
            {
                return frame;
            }
        }
    }

    public async Task SendAsync(Action<IBufferWriter<byte>> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(output);
        await _socket.SendAsync(output.WrittenMemory);
    }

    /// <summary>
    /// The server goes away; the proxy's end stays open, as a backend's failure leaves it. Closing that end
    /// too would take it out of the loop's epoll set, and the edge of the server's close could then be lost.
    /// </summary>
    public void CloseServerEnd() => _socket.Dispose();

    public void Dispose()
    {
        _socket.Dispose();
        Client.Dispose();
    }

    private async Task<byte[]> ReadExactlyAsync(int count)
    {
        var buffer = new byte[count];
        var read = 0;
        using var timeout = new CancellationTokenSource(Bound);
        while (read < count)
        {
            var received = await _socket.ReceiveAsync(buffer.AsMemory(read), timeout.Token);
            Assert.True(received > 0, "the client closed the connection");
            read += received;
        }

        return buffer;
    }
}
