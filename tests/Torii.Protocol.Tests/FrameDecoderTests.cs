using System.Buffers;
using System.Buffers.Binary;

namespace Torii.Protocol.Tests;

public sealed class FrameDecoderTests
{
    private static readonly Request Sample = new() { RemoveCluster = "app" };

    [Fact]
    public void ReadsOneFrameAndConsumesIt()
    {
        byte[] frame = FrameEncoder.ToArray(Sample);
        var buffer = new ReadOnlySequence<byte>(frame);

        FrameReadResult result = FrameDecoder.TryReadFrame(ref buffer, FrameFormat.DefaultMaxFrameSize, out ReadOnlySequence<byte> payload);

        Assert.Equal(FrameReadResult.Frame, result);
        Assert.True(buffer.IsEmpty);
        Assert.Equal(Sample, Request.Parser.ParseFrom(payload));
    }

    [Fact]
    public void FrameSplitAtEveryByteBoundaryIsReadTheSame()
    {
        byte[] frame = FrameEncoder.ToArray(SampleRequests.For(Request.RequestTypeOneofCase.AddHttpFrontend));

        for (int split = 0; split <= frame.Length; split++)
        {
            ReadOnlySequence<byte> buffer = Sequences.SplitAt(frame, split);

            FrameReadResult result = FrameDecoder.TryReadFrame(ref buffer, FrameFormat.DefaultMaxFrameSize, out ReadOnlySequence<byte> payload);

            Assert.Equal(FrameReadResult.Frame, result);
            Assert.True(buffer.IsEmpty, $"split at {split}");
            Assert.Equal(frame[FrameFormat.HeaderSize..], payload.ToArray());
        }
    }

    [Fact]
    public void EveryPrefixShorterThanTheFrameNeedsMoreDataAndConsumesNothing()
    {
        byte[] frame = FrameEncoder.ToArray(Sample);

        for (int available = 0; available < frame.Length; available++)
        {
            var buffer = new ReadOnlySequence<byte>(frame, 0, available);

            FrameReadResult result = FrameDecoder.TryReadFrame(ref buffer, FrameFormat.DefaultMaxFrameSize, out ReadOnlySequence<byte> payload);

            Assert.Equal(FrameReadResult.NeedMoreData, result);
            Assert.Equal(available, buffer.Length);
            Assert.True(payload.IsEmpty);
        }
    }

    [Fact]
    public void ReadsSeveralFramesFromOneBufferInOrder()
    {
        Request[] requests = SampleRequests.All().Take(5).ToArray();
        byte[] bytes = requests.SelectMany(FrameEncoder.ToArray).ToArray();
        var buffer = new ReadOnlySequence<byte>(bytes);
        var decoded = new List<Request>();

        while (FrameDecoder.TryReadFrame(ref buffer, FrameFormat.DefaultMaxFrameSize, out ReadOnlySequence<byte> payload) == FrameReadResult.Frame)
        {
            decoded.Add(Request.Parser.ParseFrom(payload));
        }

        Assert.Equal(requests, decoded);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void SeveralFramesSplitAtEveryBoundaryAcrossManySegments()
    {
        Request[] requests = [Sample, new Request { Status = new Status() }, new Request { QueryClusterById = "a" }];
        byte[] bytes = requests.SelectMany(FrameEncoder.ToArray).ToArray();

        for (int split = 1; split < bytes.Length; split++)
        {
            byte[][] chunks = bytes.Chunk(split).ToArray();
            ReadOnlySequence<byte> buffer = Sequences.FromChunks(chunks);
            var decoded = new List<Request>();

            while (FrameDecoder.TryReadFrame(ref buffer, FrameFormat.DefaultMaxFrameSize, out ReadOnlySequence<byte> payload) == FrameReadResult.Frame)
            {
                decoded.Add(Request.Parser.ParseFrom(payload));
            }

            Assert.Equal(requests, decoded);
        }
    }

    [Fact]
    public void HeaderOnlyFrameHasAnEmptyPayload()
    {
        byte[] frame = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(frame, 8);
        var buffer = new ReadOnlySequence<byte>(frame);

        FrameReadResult result = FrameDecoder.TryReadFrame(ref buffer, FrameFormat.DefaultMaxFrameSize, out ReadOnlySequence<byte> payload);

        Assert.Equal(FrameReadResult.Frame, result);
        Assert.True(payload.IsEmpty);
        Assert.Equal(new Request(), Request.Parser.ParseFrom(payload));
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)]
    [InlineData(7UL)]
    public void LengthSmallerThanTheHeaderIsMalformed(ulong declared)
    {
        byte[] frame = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(frame, declared);
        var buffer = new ReadOnlySequence<byte>(frame);

        FrameReadResult result = FrameDecoder.TryReadFrame(ref buffer, FrameFormat.DefaultMaxFrameSize, out _);

        Assert.Equal(FrameReadResult.Malformed, result);
        Assert.Equal(16, buffer.Length);
    }

    [Theory]
    [InlineData(101UL)]
    [InlineData(ulong.MaxValue)]
    [InlineData((ulong)long.MaxValue + 1)]
    public void LengthAboveTheMaximumIsTooLargeBeforeTheBodyArrives(ulong declared)
    {
        byte[] header = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(header, declared);
        var buffer = new ReadOnlySequence<byte>(header);

        FrameReadResult result = FrameDecoder.TryReadFrame(ref buffer, maxFrameSize: 100, out _);

        Assert.Equal(FrameReadResult.TooLarge, result);
        Assert.Equal(8, buffer.Length);
    }

    [Fact]
    public void FrameExactlyAtTheMaximumIsAccepted()
    {
        byte[] frame = FrameEncoder.ToArray(Sample);
        var buffer = new ReadOnlySequence<byte>(frame);

        FrameReadResult result = FrameDecoder.TryReadFrame(ref buffer, frame.Length, out _);

        Assert.Equal(FrameReadResult.Frame, result);
    }

    [Fact]
    public void HeaderSplitAcrossSegmentsIsReadLittleEndian()
    {
        byte[] header = [0x10, 0x02, 0, 0, 0, 0, 0, 0];

        ulong length = FrameDecoder.ReadHeader(Sequences.FromChunks(header[..3], header[3..5], header[5..]));

        Assert.Equal(0x0210UL, length);
    }
}
