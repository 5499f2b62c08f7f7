using System.Buffers;
using System.Buffers.Text;
using Torii.Proxy.Http.Parsing;

namespace Torii.Proxy.Http;

/// <summary>The 301 that sends a plain-HTTP request of an https_redirect cluster to the same URL over HTTPS.</summary>
public static class HttpsRedirect
{
    public static void Write(IBufferWriter<byte> output, RequestHead request, int port)
    {
        var host = request.Host;
        var colon = host.LastIndexOf((byte)':');
        if (colon >= 0 && host.IndexOf((byte)']') < colon)
        {
            host = host[..colon];
        }

        Append(output, "HTTP/1.1 301 Moved Permanently\r\nLocation: https://"u8);
        Append(output, host);
        if (port != 443)
        {
            Append(output, ":"u8);
            var span = output.GetSpan(5);
            Utf8Formatter.TryFormat(port, span, out var written);
            output.Advance(written);
        }

        Append(output, request.Target);
        Append(output, "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8);
    }

    private static void Append(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        var span = output.GetSpan(bytes.Length);
        bytes.CopyTo(span);
        output.Advance(bytes.Length);
    }
}
