using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Torii.Proxy.Http;
using Torii.Proxy.Listeners;
using Torii.Proxy.ProxyProtocol;

namespace Torii.Proxy.Http2;

/// <summary>
/// A client of a plain HTTP listener: HTTP/2 with prior knowledge (h2c, RFC 9113 §3.3) when its
/// first bytes are the connection preface, HTTP/1.1 otherwise. The bytes read to tell are left
/// in the reader for whichever protocol takes the connection.
/// </summary>
public static class CleartextPreface
{
    /// <param name="origin">The client as a PROXY header named it (expect_proxy listeners); null: the socket's peer.</param>
    public static async Task RunAsync(Socket client, ListenerSettings settings, HttpProxyContext context, ClientOrigin? origin = null)
    {
        var stream = ClientStream.Of(client, origin);
        var reader = PipeReader.Create(stream, HttpSession.ClientReaderOptions);
        var address = origin?.Client ?? (IPEndPoint)client.RemoteEndPoint!;
        if (settings.Http2.AcceptCleartext && await StartsWithPrefaceAsync(reader, settings).ConfigureAwait(false))
        {
            await new Http2Connection(stream, reader, address, settings, context).RunAsync().ConfigureAwait(false);
            return;
        }

        await new HttpSession(stream, address, settings, context, client, reader).RunAsync().ConfigureAwait(false);
    }

    /// <summary>Reads until the bytes in hand either differ from the preface or hold all of it; consumes nothing.</summary>
    private static async ValueTask<bool> StartsWithPrefaceAsync(PipeReader reader, ListenerSettings settings)
    {
        using var timeout = new CancellationTokenSource(settings.RequestTimeout);
        var start = new byte[Http2Connection.Preface.Length];
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(timeout.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                var length = (int)Math.Min(buffer.Length, Http2Connection.Preface.Length);
                buffer.Slice(0, length).CopyTo(start);
                var matches = start.AsSpan(0, length).SequenceEqual(Http2Connection.Preface[..length]);
                var decided = !matches || length == Http2Connection.Preface.Length || result.IsCompleted;
                reader.AdvanceTo(buffer.Start, decided ? buffer.Start : buffer.End);
                if (decided)
                {
                    return matches && length == Http2Connection.Preface.Length;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The HTTP/1.1 session answers the slow client with its own timeout.
            return false;
        }
    }
}
