using System.Buffers;

namespace Torii.Proxy.Http2.Frames;

/// <summary>Takes whole frames off the front of what a connection has buffered; both ends of the proxy read frames this way.</summary>
public static class FrameSplitter
{
    /// <summary>
    /// The first whole frame of <paramref name="buffer"/>; false when more must be read first. A frame
    /// longer than the default SETTINGS_MAX_FRAME_SIZE, which the proxy never raises (§4.2), is a connection error.
    /// </summary>
    public static bool TryTake(in ReadOnlySequence<byte> buffer, out FrameHeader header, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        if (!FrameHeader.TryRead(buffer, out header))
        {
            return false;
        }

        if (header.Length > FrameHeader.DefaultMaxFrameSize)
        {
            throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, $"{header.Type} frame of {header.Length} octets");
        }

        if (buffer.Length < FrameHeader.Size + header.Length)
        {
            return false;
        }

        payload = buffer.Slice(FrameHeader.Size, header.Length);
        return true;
    }
}
