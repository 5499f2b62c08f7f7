using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;

namespace Torii.Protocol.Tests;

public sealed class MessageReaderTests
{
    private readonly Pipe _pipe = new();

    [Fact]
    public async Task ReadsMessagesInOrderThenNullOnCleanEndOfStream()
    {
        var writer = new MessageWriter<Request>(_pipe.Writer);
        var reader = new MessageReader<Request>(_pipe.Reader);
        Request[] requests = SampleRequests.All().ToArray();

        foreach (Request request in requests)
        {
            await writer.WriteAsync(request);
        }

        await _pipe.Writer.CompleteAsync();

        foreach (Request expected in requests)
        {
            Assert.Equal(expected, await reader.ReadAsync());
        }

        Assert.Null(await reader.ReadAsync());
    }

    [Fact]
    public async Task ReassemblesAFrameDeliveredOneByteAtATime()
    {
        var reader = new MessageReader<Request>(_pipe.Reader);
        Request request = SampleRequests.For(Request.RequestTypeOneofCase.AddCertificate);
        byte[] frame = FrameEncoder.ToArray(request);

        ValueTask<Request?> read = reader.ReadAsync();
        foreach (byte b in frame)
        {
            Assert.False(read.IsCompleted);
            await _pipe.Writer.WriteAsync(new[] { b });
        }

        Assert.Equal(request, await read);
    }

    [Fact]
    public async Task EndOfStreamInsideAFrameIsMalformed()
    {
        var reader = new MessageReader<Request>(_pipe.Reader);
        byte[] frame = FrameEncoder.ToArray(new Request { RemoveCluster = "app" });
        await _pipe.Writer.WriteAsync(frame.AsMemory(0, frame.Length - 1));
        await _pipe.Writer.CompleteAsync();

        var error = await Assert.ThrowsAsync<MalformedFrameException>(async () => await reader.ReadAsync());

        Assert.Contains("middle of a frame", error.Message);
    }

    [Fact]
    public async Task EndOfStreamInsideTheHeaderIsMalformed()
    {
        var reader = new MessageReader<Request>(_pipe.Reader);
        await _pipe.Writer.WriteAsync(new byte[] { 20, 0, 0 });
        await _pipe.Writer.CompleteAsync();

        await Assert.ThrowsAsync<MalformedFrameException>(async () => await reader.ReadAsync());
    }

    [Fact]
    public async Task OversizedFrameThrowsWithoutWaitingForItsBody()
    {
        var reader = new MessageReader<Request>(_pipe.Reader, maxFrameSize: 1024);
        byte[] header = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(header, 1_000_000);
        await _pipe.Writer.WriteAsync(header);

        var error = await Assert.ThrowsAsync<FrameTooLargeException>(async () => await reader.ReadAsync());

        Assert.Equal(1_000_000UL, error.DeclaredLength);
        Assert.Equal(1024, error.MaxFrameSize);
        Assert.IsAssignableFrom<ProtocolException>(error);
    }

    [Fact]
    public async Task LengthBelowTheHeaderSizeThrowsMalformed()
    {
        var reader = new MessageReader<Request>(_pipe.Reader);
        await _pipe.Writer.WriteAsync(new byte[] { 3, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3 });

        var error = await Assert.ThrowsAsync<MalformedFrameException>(async () => await reader.ReadAsync());

        Assert.Contains("smaller than", error.Message);
    }

    [Fact]
    public async Task UndecodablePayloadThrowsMalformedWrappingTheProtobufError()
    {
        var reader = new MessageReader<Request>(_pipe.Reader);
        // Field 13 declares 100 bytes but the frame ends after 2.
        await _pipe.Writer.WriteAsync(new byte[] { 12, 0, 0, 0, 0, 0, 0, 0, 0x6A, 100, 1, 2 });

        var error = await Assert.ThrowsAsync<MalformedFrameException>(async () => await reader.ReadAsync());

        Assert.IsType<InvalidProtocolBufferException>(error.InnerException);
    }

    [Fact]
    public async Task FrameAfterAnUndecodableOneIsStillReadable()
    {
        var reader = new MessageReader<Request>(_pipe.Reader);
        await _pipe.Writer.WriteAsync(new byte[] { 10, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF });
        await _pipe.Writer.WriteAsync(FrameEncoder.ToArray(new Request { RemoveCluster = "next" }));

        await Assert.ThrowsAsync<MalformedFrameException>(async () => await reader.ReadAsync());
        Request? next = await reader.ReadAsync();

        Assert.Equal("next", next?.RemoveCluster);
    }

    [Fact]
    public async Task UnknownFieldsFromNewerSozuVersionsAreKept()
    {
        var reader = new MessageReader<Request>(_pipe.Reader);
        // add_cluster { cluster_id = "a", http2 (8, unknown to Torii) = true }
        await _pipe.Writer.WriteAsync(new byte[] { 15, 0, 0, 0, 0, 0, 0, 0, 0x6A, 0x05, 0x0A, 0x01, 0x61, 0x40, 0x01 });

        Request? request = await reader.ReadAsync();

        Assert.Equal("a", request?.AddCluster.ClusterId);
        Assert.Equal(15, FrameEncoder.ToArray(request!).Length);
    }

    [Fact]
    public async Task CanceledReadThrowsOperationCanceled()
    {
        var reader = new MessageReader<Request>(_pipe.Reader);
        using var cancellation = new CancellationTokenSource();

        ValueTask<Request?> read = reader.ReadAsync(cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await read);
    }

    [Fact]
    public async Task TryReadLeavesAPartialFrameForTheNextRead()
    {
        var reader = new MessageReader<Request>(_pipe.Reader);
        byte[] frame = FrameEncoder.ToArray(new Request { RemoveCluster = "app" });

        await _pipe.Writer.WriteAsync(frame.AsMemory(0, frame.Length - 1));
        Assert.False(reader.TryRead(out _));
        ValueTask<Request?> rest = reader.ReadAsync();
        await _pipe.Writer.WriteAsync(frame.AsMemory(frame.Length - 1));

        Assert.Equal("app", (await rest)!.RemoveCluster);
    }

    [Fact]
    public async Task TryReadRefusesAnOversizedBufferedFrame()
    {
        var reader = new MessageReader<Request>(_pipe.Reader, maxFrameSize: 16);
        await _pipe.Writer.WriteAsync(FrameEncoder.ToArray(new Request { RemoveCluster = new string('x', 64) }));

        Assert.Throws<FrameTooLargeException>(() => reader.TryRead(out _));
    }

    [Fact]
    public async Task TryReadRefusesAnOversizedFrameBehindAGoodOne()
    {
        var reader = new MessageReader<Request>(_pipe.Reader, maxFrameSize: 32);
        await _pipe.Writer.WriteAsync(FrameEncoder.ToArray(new Request { RemoveCluster = "a" }));
        await _pipe.Writer.WriteAsync(FrameEncoder.ToArray(new Request { RemoveCluster = new string('x', 64) }));

        Assert.Equal("a", (await reader.ReadAsync())!.RemoveCluster);
        Assert.Throws<FrameTooLargeException>(() => reader.TryRead(out _));
    }

    [Fact]
    public async Task ANestedLengthNearIntMaxIsMalformedNotAnIndexError()
    {
        // Found through the fuzz harness (Google.Protobuf reads past its buffer on this length and
        // threw IndexOutOfRangeException): a 14-byte frame holding add_cluster with length 0x7fffffff.
        var reader = new MessageReader<Request>(_pipe.Reader);
        await _pipe.Writer.WriteAsync(Convert.FromHexString("0e000000000000006affffffff07"));
        await _pipe.Writer.CompleteAsync();

        await Assert.ThrowsAsync<MalformedFrameException>(async () => await reader.ReadAsync());
    }
}
