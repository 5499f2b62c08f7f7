using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Torii.Proxy.Listeners;
using Torii.Proxy.Logging;
using Torii.Proxy.Metrics;
using Torii.Proxy.Sockets;

namespace Torii.Proxy.ProxyProtocol;

/// <summary>
/// Reads the PROXY header an expect_proxy listener requires before anything else, TLS included,
/// within the listener's request timeout. A connection without a valid one is closed unanswered:
/// whatever sent it is not the load balancer the listener trusts.
/// </summary>
public static class ProxyHeaderReader
{
    /// <summary>A first read this large takes any v1 header and a common v2 one, with what follows it.</summary>
    private const int InitialBuffer = 512;

    /// <returns>The client's origin, its socket now on Torii's loop; or null when the connection was refused (and closed).</returns>
    public static async Task<ClientOrigin?> ReadAsync(Socket client, ListenerSettings settings, ProxyMetrics metrics)
    {
        var transport = LoopSocket.Of(client);
        var stream = new LoopStream(transport);
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
        var filled = 0;
        string error;
        try
        {
            using var timeout = new CancellationTokenSource(settings.RequestTimeout > TimeSpan.Zero ? settings.RequestTimeout : settings.FrontTimeout);
            while (true)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(filled), timeout.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    error = filled == 0 ? "closed before a PROXY header" : "closed within the PROXY header";
                    break;
                }

                filled += read;
                var parsed = ProxyHeaderParser.Parse(buffer.AsSpan(0, filled));
                if (parsed.Status == ProxyParseStatus.Complete)
                {
                    return OriginOf(client, parsed.Header, buffer.AsSpan(parsed.Header.Length, filled - parsed.Header.Length)) with { Transport = transport };
                }

                if (parsed.Status == ProxyParseStatus.Invalid)
                {
                    error = parsed.Error!;
                    break;
                }

                if (filled == buffer.Length)
                {
                    buffer = Grown(buffer, filled, Math.Max(parsed.Needed, buffer.Length * 2));
                }
            }
        }
        catch (OperationCanceledException)
        {
            error = "no complete PROXY header within the request timeout";
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            error = e.Message;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        Refuse(client, settings, metrics, error);
        transport.Dispose();
        return null;
    }

    private static ClientOrigin OriginOf(Socket client, ProxyHeader header, ReadOnlySpan<byte> leftover) => new(
        header.Source ?? (IPEndPoint)client.RemoteEndPoint!,
        header.Destination ?? (IPEndPoint)client.LocalEndPoint!,
        leftover.IsEmpty ? ReadOnlyMemory<byte>.Empty : leftover.ToArray());

    private static byte[] Grown(byte[] buffer, int filled, int size)
    {
        var grown = ArrayPool<byte>.Shared.Rent(Math.Min(size, ProxyV2Parser.MaxLength));
        buffer.AsSpan(0, filled).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(buffer);
        return grown;
    }

    private static void Refuse(Socket client, ListenerSettings settings, ProxyMetrics metrics, string error)
    {
        if (metrics.Enabled)
        {
            metrics.RecordProxyHeaderRefused();
        }

        if (Log.IsEnabled(LogLevel.Debug))
        {
            Log.Debug($"{settings.Protocol.ToString().ToLowerInvariant()} {settings.Address}: closing {Describe(client)}: {error}");
        }
    }

    private static string Describe(Socket client)
    {
        try
        {
            return client.RemoteEndPoint?.ToString() ?? "a client";
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return "a client";
        }
    }
}
