using System.Net;
using System.Net.Sockets;
using Torii.Proxy.Sockets;
using Xunit;

namespace Torii.Proxy.Tests.Sockets;

/// <summary>The stream over Torii's own epoll loop, against a real peer on loopback.</summary>
public sealed class LoopStreamTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private Socket _peer = null!;
    private LoopStream _stream = null!;

    public async Task InitializeAsync()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen();
        var accepted = _listener.AcceptAsync();
        var connected = await LoopSocket.ConnectAsync((IPEndPoint)_listener.LocalEndPoint!, CancellationToken.None).AsTask().WaitAsync(Bound);
        _peer = await accepted.WaitAsync(Bound);
        _stream = new LoopStream(connected);
    }

    public Task DisposeAsync()
    {
        _stream.Dispose();
        _peer.Dispose();
        _listener.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Bytes_pass_both_ways()
    {
        await _stream.WriteAsync("ping"u8.ToArray()).AsTask().WaitAsync(Bound);
        var received = new byte[4];
        Assert.Equal(4, await _peer.ReceiveAsync(received).WaitAsync(Bound));
        Assert.Equal("ping"u8.ToArray(), received);

        await _peer.SendAsync("pong"u8.ToArray());
        Assert.Equal("pong", await ReadTextAsync(4));
    }

    [Fact]
    public async Task A_read_waits_for_bytes_that_arrive_later()
    {
        var buffer = new byte[16];
        Assert.Equal(0, await _stream.ReadAsync(buffer.AsMemory(0, 0)).AsTask().WaitAsync(Bound)); // a fresh stream tries at once
        var read = _stream.ReadAsync(buffer).AsTask();
        await Task.Yield();
        Assert.False(read.IsCompleted);

        await _peer.SendAsync("late"u8.ToArray());
        Assert.Equal(4, await read.WaitAsync(Bound));
        Assert.Equal("late"u8.ToArray(), buffer[..4]);
    }

    [Fact]
    public async Task A_zero_byte_read_after_a_short_read_completes_with_the_next_bytes_without_taking_them()
    {
        await _peer.SendAsync("one"u8.ToArray());
        Assert.Equal("one", await ReadTextAsync(3, bufferSize: 16));

        // The edge of "one" may still reach the loop after that read took the bytes: a zero-byte read
        // can then complete early, which only costs the next read an EAGAIN. It never takes bytes.
        var ready = _stream.ReadAsync(Memory<byte>.Empty).AsTask();
        await _peer.SendAsync("two"u8.ToArray());
        Assert.Equal(0, await ready.WaitAsync(Bound));
        Assert.Equal("two", await ReadTextAsync(3, bufferSize: 16));
    }

    [Fact]
    public async Task The_end_of_the_stream_reads_as_zero_every_time()
    {
        await _peer.SendAsync("bye"u8.ToArray());
        _peer.Shutdown(SocketShutdown.Send);
        Assert.Equal("bye", await ReadTextAsync(3));
        var buffer = new byte[8];
        Assert.Equal(0, await _stream.ReadAsync(buffer).AsTask().WaitAsync(Bound));
        Assert.Equal(0, await _stream.ReadAsync(buffer).AsTask().WaitAsync(Bound));
    }

    [Fact]
    public Task A_write_larger_than_the_socket_buffers_completes_as_the_peer_reads() => WriteThroughFullBuffersAsync(_stream, _peer);

    [Fact]
    public async Task A_taken_over_socket_s_write_through_full_buffers_completes_as_the_peer_reads()
    {
        // An accepted client's write direction is made at its first EAGAIN, after edges it did not keep.
        var (client, server) = await TakeOverAcceptedAsync();
        using var clientSocket = client;
        using var serverStream = server;
        Assert.True(server.LooksIdle());
        var waiting = server.WaitForBytesAsync(CancellationToken.None); // joins the loop: its first edges find no write direction

        await WriteThroughFullBuffersAsync(server, client);
        await client.SendAsync("x"u8.ToArray());
        Assert.Equal(0, await waiting.AsTask().WaitAsync(Bound));
    }

    [Fact]
    public async Task A_cancelled_read_throws_and_the_stream_reads_on_afterwards()
    {
        await DrainFreshReadAsync();
        using var cancel = new CancellationTokenSource();
        var read = _stream.ReadAsync(new byte[8], cancel.Token).AsTask();
        Assert.False(read.IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(Bound));

        await _peer.SendAsync("after"u8.ToArray());
        Assert.Equal("after", await ReadTextAsync(5));
    }

    [Fact]
    public async Task Closing_the_stream_fails_a_read_waiting_on_it()
    {
        await DrainFreshReadAsync();
        var read = _stream.ReadAsync(new byte[8]).AsTask();
        Assert.False(read.IsCompleted);
        _stream.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => read.WaitAsync(Bound));
    }

    [Fact]
    public async Task An_idle_connection_looks_idle_until_its_peer_sends_or_closes()
    {
        await DrainFreshReadAsync();
        Assert.True(_stream.LooksIdle());

        await _peer.SendAsync("x"u8.ToArray());
        await WaitUntilAsync(() => !_stream.LooksIdle());

        Assert.Equal("x", await ReadTextAsync(1, bufferSize: 16));
        Assert.True(_stream.LooksIdle());
        _peer.Shutdown(SocketShutdown.Send);
        await WaitUntilAsync(() => !_stream.LooksIdle());
    }

    [Fact]
    public async Task A_connect_to_a_closed_port_fails_with_the_kernel_s_answer()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var closed = (IPEndPoint)probe.LocalEndPoint!; // bound, not listening: the kernel refuses
        var error = await Assert.ThrowsAsync<SocketException>(() => LoopSocket.ConnectAsync(closed, CancellationToken.None).AsTask().WaitAsync(Bound));
        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
    }

    [Fact]
    public async Task Waiting_for_bytes_takes_none_and_the_next_read_gets_them_all()
    {
        var waiting = PendingWaitForBytes(CancellationToken.None);

        await _peer.SendAsync("next request"u8.ToArray());
        Assert.Equal(0, await waiting.AsTask().WaitAsync(Bound));
        Assert.Equal("next request", await ReadTextAsync(12, bufferSize: 64));
    }

    [Fact]
    public async Task Waiting_for_bytes_ends_when_the_peer_closes_and_then_completes_at_once()
    {
        var waiting = PendingWaitForBytes(CancellationToken.None);

        _peer.Shutdown(SocketShutdown.Send);
        Assert.Equal(0, await waiting.AsTask().WaitAsync(Bound));
        Assert.True(_stream.WaitForBytesAsync(CancellationToken.None).IsCompletedSuccessfully);
        Assert.Equal(0, await _stream.ReadAsync(new byte[8]).AsTask().WaitAsync(Bound));
    }

    [Fact]
    public async Task A_cancelled_wait_for_bytes_throws_and_the_stream_reads_on_afterwards()
    {
        using var cancel = new CancellationTokenSource();
        var waiting = PendingWaitForBytes(cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.AsTask().WaitAsync(Bound));
        await _peer.SendAsync("after"u8.ToArray());
        Assert.Equal("after", await ReadTextAsync(5));
    }

    [Fact]
    public async Task A_taken_over_socket_joins_the_loop_at_its_first_wait_and_misses_nothing_sent_before()
    {
        var (client, server) = await TakeOverAcceptedAsync();
        using var clientSocket = client;
        using var serverStream = server;

        // Not watched yet: nothing waited on it.
        Assert.True(server.LooksIdle());
        Assert.False(server.LoopSocket.IsWatched);

        // The first read meets EAGAIN and waits: the socket joins the loop then.
        var buffer = new byte[16];
        var read = server.ReadAsync(buffer).AsTask();
        await client.SendAsync("hello"u8.ToArray());
        Assert.Equal(5, await read.WaitAsync(Bound));
        Assert.True(server.LoopSocket.IsWatched);

        // Bytes and the end that arrive while nobody waits are found by the next reads.
        await client.SendAsync("again"u8.ToArray());
        client.Shutdown(SocketShutdown.Send);
        var total = 0;
        while (await server.ReadAsync(buffer.AsMemory(total)).AsTask().WaitAsync(Bound) is var n and > 0)
        {
            total += n;
        }

        Assert.Equal("again", System.Text.Encoding.ASCII.GetString(buffer, 0, total));
    }

    /// <summary>A client connection as a listener accepts it, taken over by a loop before anything waited on it.</summary>
    private async Task<(Socket Client, LoopStream Server)> TakeOverAcceptedAsync()
    {
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var accepted = _listener.AcceptAsync();
        await client.ConnectAsync(_listener.LocalEndPoint!);
        return (client, new LoopStream(LoopSocket.Of(await accepted.WaitAsync(Bound))));
    }

    private static async Task WriteThroughFullBuffersAsync(LoopStream stream, Socket peer)
    {
        var payload = new byte[8 * 1024 * 1024];
        Random.Shared.NextBytes(payload);
        var write = stream.WriteAsync(payload).AsTask();

        var received = new byte[payload.Length];
        var total = 0;
        while (total < payload.Length)
        {
            total += await peer.ReceiveAsync(received.AsMemory(total)).AsTask().WaitAsync(Bound);
        }

        await write.WaitAsync(Bound);
        Assert.Equal(payload, received);
    }

    /// <summary>A fresh stream reads at once; one read that meets nothing leaves it waiting on the loop.</summary>
    private async Task DrainFreshReadAsync()
    {
        await _peer.SendAsync("0"u8.ToArray());
        Assert.Equal("0", await ReadTextAsync(1, bufferSize: 16));
    }

    /// <summary>
    /// A wait for bytes that is pending. The stream has received nothing yet, so no edge of earlier bytes
    /// can end the wait early; <see cref="LoopStream.LooksIdle"/> tells it the kernel holds nothing.
    /// </summary>
    private ValueTask<int> PendingWaitForBytes(CancellationToken cancellationToken)
    {
        Assert.True(_stream.LooksIdle());
        var waiting = _stream.WaitForBytesAsync(cancellationToken);
        Assert.False(waiting.IsCompleted);
        return waiting;
    }

    private async Task<string> ReadTextAsync(int length, int bufferSize = 0)
    {
        var buffer = new byte[bufferSize == 0 ? length : bufferSize];
        var total = 0;
        while (total < length)
        {
            var read = await _stream.ReadAsync(buffer.AsMemory(total)).AsTask().WaitAsync(Bound);
            Assert.NotEqual(0, read);
            total += read;
        }

        return System.Text.Encoding.ASCII.GetString(buffer, 0, total);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
