namespace Torii.Proxy.Http2.Frames;

/// <summary>Removes the padding of a PADDED DATA or HEADERS frame (RFC 9113 §6.1, §6.2).</summary>
public static class FramePayload
{
    /// <summary>The payload without its Pad Length octet and padding; a connection error when the padding does not fit.</summary>
    public static ReadOnlySpan<byte> Unpad(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (!header.HasFlag(FrameFlags.Padded))
        {
            return payload;
        }

        if (payload.IsEmpty || payload[0] >= payload.Length)
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"{header.Type} padding longer than its payload");
        }

        return payload[1..(payload.Length - payload[0])];
    }

    /// <summary>The header block fragment of a HEADERS frame: padding and the priority fields removed.</summary>
    public static ReadOnlySpan<byte> HeaderBlockOf(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        var fragment = Unpad(header, payload);
        if (!header.HasFlag(FrameFlags.Priority))
        {
            return fragment;
        }

        if (fragment.Length < 5)
        {
            throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, "HEADERS too short for its priority fields");
        }

        return fragment[5..];
    }
}
