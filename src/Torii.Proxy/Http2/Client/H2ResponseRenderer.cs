using System.Buffers;
using System.Globalization;

namespace Torii.Proxy.Http2.Client;

/// <summary>
/// Renders a backend's HTTP/2 response head as the HTTP/1.1 head the proxy's response path
/// parses and relays. The body framing is chosen so that whatever the client speaks can carry
/// what follows: chunked when the length is unknown (trailers can follow), Content-Length: 0 for
/// a response that ended at its head (a gRPC trailers-only answer keeps its grpc-status as fields).
/// </summary>
public static class H2ResponseRenderer
{
    public static void RenderHead(IBufferWriter<byte> output, H2ResponseFields head, H2BodyShape shape)
    {
        Span<byte> number = stackalloc byte[11];
        output.Write("HTTP/1.1 "u8);
        head.Status.TryFormat(number, out var digits, provider: CultureInfo.InvariantCulture);
        output.Write(number[..digits]);
        output.Write(" "u8);
        output.Write(ReasonPhrase(head.Status));
        output.Write("\r\n"u8);
        foreach (var (name, value) in head.Fields)
        {
            if (!IsConnectionSpecific(name))
            {
                WriteField(output, name, value);
            }
        }

        switch (shape)
        {
            case H2BodyShape.Empty when !head.HasContentLength:
                output.Write("content-length: 0\r\n"u8);
                break;
            case H2BodyShape.Chunked:
                output.Write("transfer-encoding: chunked\r\n"u8);
                break;
        }

        output.Write("\r\n"u8);
    }

    /// <summary>The last chunk with the trailer fields (RFC 9112 §7.1.2).</summary>
    public static void RenderLastChunk(IBufferWriter<byte> output, H2ResponseFields? trailers)
    {
        output.Write("0\r\n"u8);
        foreach (var (name, value) in trailers?.Fields ?? [])
        {
            if (!IsConnectionSpecific(name))
            {
                WriteField(output, name, value);
            }
        }

        output.Write("\r\n"u8);
    }

    /// <summary>One chunk's size line; the caller writes the data and CRLF.</summary>
    public static void RenderChunkSize(IBufferWriter<byte> output, long size)
    {
        Span<byte> hex = stackalloc byte[18];
        size.TryFormat(hex, out var digits, "x", CultureInfo.InvariantCulture);
        output.Write(hex[..digits]);
        output.Write("\r\n"u8);
    }

    /// <summary>The framing a response head gets, from what the backend said and what the request and client allow.</summary>
    public static H2BodyShape ShapeFor(H2ResponseFields head, bool endedAtHead, bool headRequest, bool clientTakesChunked)
    {
        if (headRequest || head.Status is 204 or 304 || (head.Status is >= 100 and < 200))
        {
            return H2BodyShape.None;
        }

        if (endedAtHead)
        {
            return H2BodyShape.Empty;
        }

        if (head.HasContentLength)
        {
            return H2BodyShape.AsDeclared;
        }

        return clientTakesChunked ? H2BodyShape.Chunked : H2BodyShape.UntilClose;
    }

    private static void WriteField(IBufferWriter<byte> output, byte[] name, byte[] value)
    {
        output.Write(name);
        output.Write(": "u8);
        output.Write(value);
        output.Write("\r\n"u8);
    }

    /// <summary>Fields HTTP/2 forbids (RFC 9113 §8.2.2); a backend that sends them anyway does not get to frame the HTTP/1.1 body.</summary>
    private static bool IsConnectionSpecific(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("connection"u8) || name.SequenceEqual("keep-alive"u8) || name.SequenceEqual("proxy-connection"u8)
        || name.SequenceEqual("transfer-encoding"u8) || name.SequenceEqual("upgrade"u8);

    private static ReadOnlySpan<byte> ReasonPhrase(int status) => status switch
    {
        200 => "OK"u8,
        201 => "Created"u8,
        204 => "No Content"u8,
        206 => "Partial Content"u8,
        301 => "Moved Permanently"u8,
        302 => "Found"u8,
        304 => "Not Modified"u8,
        400 => "Bad Request"u8,
        401 => "Unauthorized"u8,
        403 => "Forbidden"u8,
        404 => "Not Found"u8,
        415 => "Unsupported Media Type"u8,
        500 => "Internal Server Error"u8,
        502 => "Bad Gateway"u8,
        503 => "Service Unavailable"u8,
        504 => "Gateway Timeout"u8,
        _ => default,
    };
}
