using System.Buffers;
using System.Buffers.Binary;

namespace Torii.Proxy.Http2.Frames;

/// <summary>Serialises the frames the proxy sends (RFC 9113 §6) into a buffer.</summary>
public static class FrameWriter
{
    public static void WriteHeader(IBufferWriter<byte> output, in FrameHeader header)
    {
        header.Write(output.GetSpan(FrameHeader.Size));
        output.Advance(FrameHeader.Size);
    }

    public static void WriteData(IBufferWriter<byte> output, int streamId, ReadOnlySpan<byte> payload, bool endStream)
    {
        WriteHeader(output, new FrameHeader(payload.Length, FrameType.Data, endStream ? FrameFlags.EndStream : (byte)0, streamId));
        output.Write(payload);
    }

    public static void WriteData(IBufferWriter<byte> output, int streamId, in ReadOnlySequence<byte> payload, bool endStream)
    {
        WriteHeader(output, new FrameHeader((int)payload.Length, FrameType.Data, endStream ? FrameFlags.EndStream : (byte)0, streamId));
        foreach (var segment in payload)
        {
            output.Write(segment.Span);
        }
    }

    /// <summary>A header block as HEADERS followed by as many CONTINUATION frames as <paramref name="maxFrameSize"/> requires.</summary>
    public static void WriteHeaders(IBufferWriter<byte> output, int streamId, ReadOnlySpan<byte> block, bool endStream, int maxFrameSize)
    {
        var first = Math.Min(block.Length, maxFrameSize);
        var flags = (byte)((endStream ? FrameFlags.EndStream : 0) | (first == block.Length ? FrameFlags.EndHeaders : 0));
        WriteHeader(output, new FrameHeader(first, FrameType.Headers, flags, streamId));
        output.Write(block[..first]);
        var rest = block[first..];
        while (!rest.IsEmpty)
        {
            var size = Math.Min(rest.Length, maxFrameSize);
            WriteHeader(output, new FrameHeader(size, FrameType.Continuation, size == rest.Length ? FrameFlags.EndHeaders : (byte)0, streamId));
            output.Write(rest[..size]);
            rest = rest[size..];
        }
    }

    public static void WriteSettings(IBufferWriter<byte> output, ReadOnlySpan<(SettingId Id, uint Value)> settings)
    {
        WriteHeader(output, new FrameHeader(settings.Length * 6, FrameType.Settings, 0, 0));
        var span = output.GetSpan(settings.Length * 6);
        for (var i = 0; i < settings.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span[(i * 6)..], (ushort)settings[i].Id);
            BinaryPrimitives.WriteUInt32BigEndian(span[((i * 6) + 2)..], settings[i].Value);
        }

        output.Advance(settings.Length * 6);
    }

    public static void WriteSettingsAck(IBufferWriter<byte> output) =>
        WriteHeader(output, new FrameHeader(0, FrameType.Settings, FrameFlags.Ack, 0));

    public static void WritePingAck(IBufferWriter<byte> output, ReadOnlySpan<byte> opaque)
    {
        WriteHeader(output, new FrameHeader(8, FrameType.Ping, FrameFlags.Ack, 0));
        output.Write(opaque);
    }

    public static void WriteRstStream(IBufferWriter<byte> output, int streamId, Http2ErrorCode code)
    {
        WriteHeader(output, new FrameHeader(4, FrameType.RstStream, 0, streamId));
        WriteUInt32(output, (uint)code);
    }

    public static void WriteWindowUpdate(IBufferWriter<byte> output, int streamId, int increment)
    {
        WriteHeader(output, new FrameHeader(4, FrameType.WindowUpdate, 0, streamId));
        WriteUInt32(output, (uint)increment);
    }

    public static void WriteGoAway(IBufferWriter<byte> output, int lastStreamId, Http2ErrorCode code)
    {
        WriteHeader(output, new FrameHeader(8, FrameType.GoAway, 0, 0));
        WriteUInt32(output, (uint)lastStreamId);
        WriteUInt32(output, (uint)code);
    }

    private static void WriteUInt32(IBufferWriter<byte> output, uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(output.GetSpan(4), value);
        output.Advance(4);
    }
}
