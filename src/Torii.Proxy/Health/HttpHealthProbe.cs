using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Torii.Proxy.Health;

/// <summary>
/// Sends `METHOD uri HTTP/1.1` with Host and Connection: close on a connection of its own, reads the
/// status line only (within a bounded buffer) and compares the status: 0 expects any 2xx.
/// </summary>
public sealed class HttpHealthProbe(string method, string uri, string? host, uint expectedStatus) : IHealthProbe
{
    /// <summary>A status line longer than this is not one a health endpoint sends.</summary>
    public const int MaxStatusLineBytes = 512;

    /// <summary>Backends come and go: past this many addresses the cache starts over rather than grow.</summary>
    private const int MaxCachedRequests = 4096;

    private readonly ConcurrentDictionary<IPEndPoint, byte[]> _requests = new();
    private readonly byte[]? _fixedHostRequest = host is null ? null : Format(method, uri, host);

    public async ValueTask<HealthProbeResult> CheckAsync(IPEndPoint address, bool isBackup, CancellationToken cancellationToken)
    {
        var (socket, failure) = await ProbeSocket.ConnectAsync(address, cancellationToken).ConfigureAwait(false);
        if (socket is null)
        {
            return HealthProbeResult.Fail(failure!);
        }

        byte[]? buffer = null;
        using (socket)
        {
            try
            {
                await socket.SendAsync(RequestFor(address), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                buffer = ArrayPool<byte>.Shared.Rent(MaxStatusLineBytes);
                var length = 0;
                while (true)
                {
                    var read = await socket.ReceiveAsync(buffer.AsMemory(length, MaxStatusLineBytes - length), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return HealthProbeResult.Fail("closed before sending a status line");
                    }

                    length += read;
                    var end = buffer.AsSpan(0, length).IndexOf("\r\n"u8);
                    if (end >= 0)
                    {
                        return Judge(buffer.AsSpan(0, end));
                    }

                    if (length == MaxStatusLineBytes)
                    {
                        return HealthProbeResult.Fail($"no status line in the first {MaxStatusLineBytes} bytes");
                    }
                }
            }
            catch (SocketException e)
            {
                return HealthProbeResult.Fail($"connection failed ({e.SocketErrorCode})");
            }
            catch (OperationCanceledException)
            {
                return HealthProbeResult.Fail(ProbeSocket.TimedOut);
            }
            finally
            {
                if (buffer is not null)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
    }

    /// <summary>The status line: HTTP/1.x, a space, three digits.</summary>
    internal HealthProbeResult Judge(ReadOnlySpan<byte> statusLine)
    {
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || statusLine[8] != (byte)' '
            || !char.IsAsciiDigit((char)statusLine[9]) || !char.IsAsciiDigit((char)statusLine[10]) || !char.IsAsciiDigit((char)statusLine[11])
            || (statusLine.Length > 12 && statusLine[12] != (byte)' '))
        {
            return HealthProbeResult.Fail("the answer is not an HTTP/1.x status line");
        }

        var status = ((statusLine[9] - '0') * 100) + ((statusLine[10] - '0') * 10) + (statusLine[11] - '0');
        var healthy = expectedStatus == 0 ? status is >= 200 and <= 299 : status == expectedStatus;
        return healthy
            ? HealthProbeResult.Success
            : HealthProbeResult.Fail($"status {status}, expected {(expectedStatus == 0 ? "2xx" : expectedStatus.ToString(System.Globalization.CultureInfo.InvariantCulture))}");
    }

    /// <summary>The same bytes every interval: built once per backend address (once in all when the Host is set).</summary>
    private byte[] RequestFor(IPEndPoint address)
    {
        if (_fixedHostRequest is { } request)
        {
            return request;
        }

        if (_requests.TryGetValue(address, out request))
        {
            return request;
        }

        if (_requests.Count >= MaxCachedRequests)
        {
            _requests.Clear();
        }

        return _requests.GetOrAdd(address, Format(method, uri, address.ToString()));
    }

    private static byte[] Format(string method, string uri, string hostHeader) =>
        Encoding.ASCII.GetBytes($"{method} {uri} HTTP/1.1\r\nHost: {hostHeader}\r\nUser-Agent: torii-health-check\r\nAccept: */*\r\nConnection: close\r\n\r\n");
}
