using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using Torii.Proxy.Sockets;
using Torii.Proxy.Backends;
using Torii.Proxy.Http2;
using Torii.Proxy.Http2.Client;
using Torii.Proxy.Http2.Frames;
using Torii.Proxy.Http2.Hpack;

namespace Torii.Proxy.Tests.Http2.Client;

/// <summary>The h2c backend connection against a server played frame by frame over a loopback socket.</summary>
public sealed class H2BackendConnectionTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly Backend _backend = new("app", "b", new IPEndPoint(IPAddress.Loopback, 1));
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private FakeH2Server _server = null!;
    private H2BackendConnection _connection = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeH2Server.StartAsync();
        _connection = new H2BackendConnection(_backend, LoopSocket.Of(_server.Client), _ => _closed.TrySetResult());
        await _connection.StartAsync();
        var settings = await _server.ExpectPrefaceAsync();
        // Push is switched off: SETTINGS_ENABLE_PUSH (2) = 0 comes first.
        Assert.Equal(2, BinaryPrimitives.ReadUInt16BigEndian(settings));
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32BigEndian(settings.AsSpan(2)));
    }

    public Task DisposeAsync()
    {
        _connection.Dispose();
        _server.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Settings_bound_the_streams_pings_are_answered_and_a_response_arrives_with_its_trailers()
    {
        await _server.SendAsync(output => FrameWriter.WriteSettings(output, [(SettingId.MaxConcurrentStreams, 1u)]));
        var (ack, _) = await _server.ReadFrameAsync();
        Assert.Equal((FrameType.Settings, FrameFlags.Ack), (ack.Type, ack.Flags));

        var stream = _connection.TryReserveStream();
        Assert.NotNull(stream);
        Assert.Null(_connection.TryReserveStream());
        await _connection.SendHeadersAsync(stream, RequestBlock(), endStream: true, CancellationToken.None);
        var (headers, _) = await _server.ReadFrameAsync();
        Assert.Equal((FrameType.Headers, 1, (byte)(FrameFlags.EndStream | FrameFlags.EndHeaders)), (headers.Type, headers.StreamId, headers.Flags));

        await _server.SendAsync(output => output.Write(PingFrame));
        var (pong, opaque) = await _server.ReadFrameAsync();
        Assert.Equal((FrameType.Ping, FrameFlags.Ack), (pong.Type, pong.Flags));
        Assert.Equal("12345678", Encoding.ASCII.GetString(opaque));

        await _server.SendAsync(output =>
        {
            FrameWriter.WriteHeaders(output, 1, Block(("content-type", "application/grpc")), endStream: false, FrameHeader.DefaultMaxFrameSize);
            FrameWriter.WriteData(output, 1, "hello"u8, endStream: false);
            FrameWriter.WriteHeaders(output, 1, Block(status: false, ("grpc-status", "0")), endStream: true, FrameHeader.DefaultMaxFrameSize);
        });
        var head = await stream.ResponseHead.WaitAsync(Bound);
        Assert.Equal(200, head.Status);
        Assert.Equal("hello", await ReadToEndAsync(stream.Body));
        Assert.Equal("grpc-status", Encoding.ASCII.GetString(stream.Trailers!.Fields.Single().Name));

        _connection.Release(stream);
        Assert.NotNull(_connection.TryReserveStream());
    }

    [Fact]
    public async Task A_backend_reset_fails_its_stream_and_releasing_an_open_stream_resets_it()
    {
        var refused = _connection.TryReserveStream()!;
        await _connection.SendHeadersAsync(refused, RequestBlock(), endStream: false, CancellationToken.None);
        await _server.SendAsync(output => FrameWriter.WriteRstStream(output, 1, Http2ErrorCode.RefusedStream));
        var error = await Assert.ThrowsAsync<H2StreamResetException>(() => refused.ResponseHead.WaitAsync(Bound));
        Assert.Equal(Http2ErrorCode.RefusedStream, error.Code);
        Assert.True(error.Unprocessed);

        var abandoned = _connection.TryReserveStream()!;
        await _connection.SendHeadersAsync(abandoned, RequestBlock(), endStream: false, CancellationToken.None);
        _connection.Release(refused);
        _connection.Release(abandoned);
        var (headers, _) = await _server.ReadFrameSkippingUpdatesAsync();
        Assert.Equal((FrameType.Headers, 1), (headers.Type, headers.StreamId));
        var (opened, _) = await _server.ReadFrameSkippingUpdatesAsync();
        Assert.Equal((FrameType.Headers, 3), (opened.Type, opened.StreamId));
        var (reset, code) = await _server.ReadFrameSkippingUpdatesAsync();
        Assert.Equal((FrameType.RstStream, 3, Http2ErrorCode.Cancel), (reset.Type, reset.StreamId, (Http2ErrorCode)BinaryPrimitives.ReadUInt32BigEndian(code)));
    }

    [Fact]
    public async Task Request_data_waits_for_the_backend_window()
    {
        await _server.SendAsync(output => FrameWriter.WriteSettings(output, [(SettingId.InitialWindowSize, 10u)]));
        await _server.ReadFrameAsync();
        var stream = _connection.TryReserveStream()!;
        await _connection.SendHeadersAsync(stream, RequestBlock(), endStream: false, CancellationToken.None);
        await _server.ReadFrameAsync();

        var sending = _connection.SendDataAsync(stream, new ReadOnlySequence<byte>(new byte[25]), endStream: true, CancellationToken.None).AsTask();
        var (first, _) = await _server.ReadFrameAsync();
        Assert.Equal((FrameType.Data, 10, (byte)0), (first.Type, first.Length, first.Flags));
        Assert.False(sending.IsCompleted);

        await _server.SendAsync(output => FrameWriter.WriteWindowUpdate(output, 1, 15));
        var (rest, _) = await _server.ReadFrameAsync();
        Assert.Equal((FrameType.Data, 15, FrameFlags.EndStream), (rest.Type, rest.Length, rest.Flags));
        await sending.WaitAsync(Bound);
    }

    [Fact]
    public async Task Goaway_stops_new_streams_and_the_connection_closes_once_its_streams_end()
    {
        Assert.Equal(1, _backend.ActiveConnections);
        var stream = _connection.TryReserveStream()!;
        await _connection.SendHeadersAsync(stream, RequestBlock(), endStream: true, CancellationToken.None);
        await _server.SendAsync(output => FrameWriter.WriteGoAway(output, 1, Http2ErrorCode.NoError));
        await _server.SendAsync(output => FrameWriter.WriteHeaders(output, 1, Block(), endStream: true, FrameHeader.DefaultMaxFrameSize));

        await stream.ResponseHead.WaitAsync(Bound);
        Assert.True(stream.EndedAtHead);
        Assert.Null(_connection.TryReserveStream());
        Assert.False(_closed.Task.IsCompleted);

        _connection.Release(stream);
        await _closed.Task.WaitAsync(Bound);
        Assert.Equal(0, _backend.ActiveConnections);
    }

    [Fact]
    public async Task A_connection_failure_fails_its_open_streams()
    {
        var stream = _connection.TryReserveStream()!;
        await _connection.SendHeadersAsync(stream, RequestBlock(), endStream: true, CancellationToken.None);
        _server.CloseServerEnd();

        await Assert.ThrowsAsync<H2StreamResetException>(() => stream.ResponseHead.WaitAsync(Bound));
        await _closed.Task.WaitAsync(Bound);
        Assert.Null(_connection.TryReserveStream());
    }

    private static byte[] PingFrame => [0, 0, 8, (byte)FrameType.Ping, 0, 0, 0, 0, 0, .. "12345678"u8];

    private static byte[] RequestBlock()
    {
        var block = new ArrayBufferWriter<byte>();
        HpackEncoder.WriteField(block, ":method"u8, "GET"u8);
        HpackEncoder.WriteField(block, ":scheme"u8, "http"u8);
        HpackEncoder.WriteField(block, ":path"u8, "/"u8);
        return block.WrittenSpan.ToArray();
    }

    /// <summary>A response block (":status: 200" first) of the given fields.</summary>
    private static byte[] Block(params (string Name, string Value)[] fields) => Block(status: true, fields);

    private static byte[] Block(bool status, params (string Name, string Value)[] fields)
    {
        var block = new ArrayBufferWriter<byte>();
        if (status)
        {
            HpackEncoder.WriteStatus(block, 200);
        }

        foreach (var (name, value) in fields)
        {
            HpackEncoder.WriteField(block, Encoding.ASCII.GetBytes(name), Encoding.ASCII.GetBytes(value));
        }

        return block.WrittenSpan.ToArray();
    }

    private static async Task<string> ReadToEndAsync(PipeReader reader)
    {
        var text = new StringBuilder();
        while (true)
        {
            var result = await reader.ReadAsync().AsTask().WaitAsync(Bound);
            foreach (var segment in result.Buffer)
            {
                text.Append(Encoding.ASCII.GetString(segment.Span));
            }

            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return text.ToString();
            }
        }
    }
}
