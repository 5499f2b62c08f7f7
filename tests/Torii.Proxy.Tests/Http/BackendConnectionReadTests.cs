using System.Net;
using System.Net.Sockets;
using System.Text;
using Torii.Proxy.Backends;
using Torii.Proxy.Http;
using Torii.Proxy.Sockets;

namespace Torii.Proxy.Tests.Http;

// An EventListener on the array pool makes every thread that rents allocate its event: never beside the tests
// that count a thread's allocations.
[Collection("allocation measurements")]
public sealed class BackendConnectionReadTests : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public BackendConnectionReadTests()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen();
    }

    [Fact]
    public async Task Waiting_for_a_response_holds_no_read_buffer_and_the_response_is_read_when_it_comes()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(_listener.LocalEndPoint!);
        using var backendSide = await _listener.AcceptAsync();
        using var connection = new BackendConnection(new Backend("app", "b", (IPEndPoint)_listener.LocalEndPoint!), LoopSocket.Of(socket));

        ValueTask<System.IO.Pipelines.ReadResult> reading;
        using (var rents = new ArrayPoolRentListener(minimumSize: 4096))
        {
            reading = connection.Reader.ReadAsync();

            // Hundreds of requests in flight each held 16 KiB here, more than the shared pool keeps.
            Assert.False(reading.IsCompleted);
            Assert.Equal(0, rents.Rented);
        }

        await backendSide.SendAsync("HTTP/1.1 204 No Content\r\n\r\n"u8.ToArray());
        var result = await reading.AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("HTTP/1.1 204 No Content\r\n\r\n", Encoding.ASCII.GetString(result.Buffer));
        connection.Reader.AdvanceTo(result.Buffer.End);
    }

    public void Dispose() => _listener.Dispose();
}
