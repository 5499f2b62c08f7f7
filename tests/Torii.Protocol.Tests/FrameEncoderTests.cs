using System.Buffers;
using System.Buffers.Binary;
using System.Net;

namespace Torii.Protocol.Tests;

/// <summary>Byte-exact checks against the protobuf wire format Sōzu produces, computed by hand.</summary>
public sealed class FrameEncoderTests
{
    // Request { add_cluster (13) = Cluster { cluster_id (1) = "app", sticky_session (2) = false,
    //   https_redirect (3) = true, load_balancing (5) = ROUND_ROBIN } }, as Sōzu always writes its
    // required fields even at their defaults.
    private static readonly byte[] AddClusterFrame =
    [
        0x15, 0, 0, 0, 0, 0, 0, 0, // frame length 21 = 8 (header) + 13 (payload), little-endian
        0x6A, 0x0B,                // field 13, wire type 2 (13 << 3 | 2 = 106), 11 bytes
        0x0A, 0x03, 0x61, 0x70, 0x70, // field 1, length 3, "app"
        0x10, 0x00,                // field 2 varint false
        0x18, 0x01,                // field 3 varint true
        0x28, 0x00,                // field 5 varint ROUND_ROBIN (0)
    ];

    // Request { add_backend (24) = AddBackend { cluster_id = "app", backend_id = "app-0",
    //   address = SocketAddress { ip = IpAddress { v4 = 127.0.0.1 }, port = 8080 } } }
    private static readonly byte[] AddBackendPayload =
    [
        0xC2, 0x01, 0x18,          // field 24, wire type 2 (194 as varint), 24 bytes
        0x0A, 0x03, 0x61, 0x70, 0x70, // cluster_id "app"
        0x12, 0x05, 0x61, 0x70, 0x70, 0x2D, 0x30, // backend_id "app-0"
        0x1A, 0x0A,                // address, 10 bytes
        0x0A, 0x05,                // ip, 5 bytes
        0x0D, 0x01, 0x00, 0x00, 0x7F, // v4: fixed32 0x7F000001 (little-endian on the wire)
        0x10, 0x90, 0x3F,          // port 8080 as varint
    ];

    private static Request SozuAddCluster() => new()
    {
        AddCluster = new Cluster
        {
            ClusterId = "app",
            StickySession = false,
            HttpsRedirect = true,
            LoadBalancing = LoadBalancingAlgorithms.RoundRobin,
        },
    };

    private static Request SozuAddBackend() => new()
    {
        AddBackend = new AddBackend
        {
            ClusterId = "app",
            BackendId = "app-0",
            Address = SocketAddresses.ToProto(new IPEndPoint(IPAddress.Loopback, 8080)),
        },
    };

    [Fact]
    public void AddClusterEncodesToSozuBytes()
    {
        Assert.Equal(AddClusterFrame, FrameEncoder.ToArray(SozuAddCluster()));
    }

    [Fact]
    public void SozuAddClusterBytesDecodeToTheSameRequest()
    {
        var buffer = new ReadOnlySequence<byte>(AddClusterFrame);

        Assert.Equal(FrameReadResult.Frame, FrameDecoder.TryReadFrame(ref buffer, 1024, out ReadOnlySequence<byte> payload));
        Request decoded = Request.Parser.ParseFrom(payload);

        Assert.Equal(SozuAddCluster(), decoded);
        Assert.Equal("app", decoded.AddCluster.ClusterId);
        Assert.True(decoded.AddCluster.HasStickySession);
        Assert.True(decoded.AddCluster.HttpsRedirect);
    }

    [Fact]
    public void AddBackendWithIPv4AddressEncodesToSozuBytes()
    {
        byte[] frame = FrameEncoder.ToArray(SozuAddBackend());

        Assert.Equal((ulong)(8 + AddBackendPayload.Length), BinaryPrimitives.ReadUInt64LittleEndian(frame));
        Assert.Equal(AddBackendPayload, frame[8..]);
    }

    [Fact]
    public void WritesIntoTheBufferWriterAndReportsTheFrameLength()
    {
        var output = new ArrayBufferWriter<byte>();

        int first = FrameEncoder.Write(output, SozuAddCluster());
        int second = FrameEncoder.Write(output, new Request { Status = new Status() });

        Assert.Equal(AddClusterFrame.Length, first);
        Assert.Equal(8 + 2, second);
        Assert.Equal(AddClusterFrame, output.WrittenSpan[..first].ToArray());
        Assert.Equal(new byte[] { 10, 0, 0, 0, 0, 0, 0, 0, 0x62, 0x00 }, output.WrittenSpan[first..].ToArray());
    }

    [Fact]
    public void EmptyMessageIsAHeaderOnlyFrame()
    {
        Assert.Equal(new byte[] { 8, 0, 0, 0, 0, 0, 0, 0 }, FrameEncoder.ToArray(new Request()));
    }

    [Fact]
    public void ResponseCarriesStatusAndMessageEvenWhenDefault()
    {
        // Sōzu requires both fields on the wire: status OK (0) and an empty message.
        Assert.Equal(new byte[] { 12, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x00, 0x12, 0x00 }, FrameEncoder.ToArray(Responses.Ok()));
    }
}
