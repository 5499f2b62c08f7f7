using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Torii.Proxy.Connections;
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
    /// <remarks>
    /// Not an async method: the session's task is the connection's, so a connection waiting for its next
    /// request holds no frame of this method (the session tells the protocols apart, through
    /// <see cref="TryServeHttp2Async"/>).
    /// </remarks>
    public static Task RunAsync(Socket client, ListenerSettings settings, HttpProxyContext context, ClientOrigin? origin = null)
    {
        var stream = ClientStream.Of(client, origin);
        var reader = PipeReader.Create(stream, HttpSession.ClientReaderOptions);
        var address = origin?.Client ?? (IPEndPoint)client.RemoteEndPoint!;
        return new HttpSession(stream, address, settings, context, client, reader) { SniffsCleartextPreface = settings.Http2.AcceptCleartext }.RunAsync();
    }

    /// <summary>
    /// Serves the connection as HTTP/2 when its first bytes are the preface, and then returns true once it
    /// has ended; false (nothing consumed) for HTTP/1.1. The first request's deadline, armed by the caller,
    /// covers the wait for those bytes: telling the protocols apart costs no timer of its own.
    /// </summary>
    internal static async ValueTask<bool> TryServeHttp2Async(
        Stream stream, PipeReader reader, IPEndPoint address, ListenerSettings settings, HttpProxyContext context, ConnectionDeadline deadline)
    {
        if (!await StartsWithPrefaceAsync(reader, deadline).ConfigureAwait(false))
        {
            return false;
        }

        // HTTP/2 keeps its own timers: the deadline stays quiet until the session disposes of it.
        deadline.Disarm();
        await new Http2Connection(stream, reader, address, settings, context).RunAsync().ConfigureAwait(false);
        return true;
    }

    /// <summary>Reads until the bytes in hand either differ from the preface or hold all of it; consumes nothing.</summary>
    private static async ValueTask<bool> StartsWithPrefaceAsync(PipeReader reader, ConnectionDeadline deadline)
    {
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(deadline.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                var (matches, complete) = Compare(buffer);
                var decided = !matches || complete || result.IsCompleted;
                reader.AdvanceTo(buffer.Start, decided ? buffer.Start : buffer.End);
                if (decided)
                {
                    return matches && complete;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The HTTP/1.1 session finds its deadline expired and answers the slow client.
            return false;
        }
    }

    /// <summary>Whether the bytes in hand agree with the preface as far as they go, and whether they hold all of it.</summary>
    private static (bool Matches, bool Complete) Compare(in ReadOnlySequence<byte> buffer)
    {
        var length = (int)Math.Min(buffer.Length, Http2Connection.Preface.Length);
        var reader = new SequenceReader<byte>(buffer);
        return (reader.IsNext(Http2Connection.Preface[..length]), length == Http2Connection.Preface.Length);
    }
}
