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

    public async ValueTask<HealthProbeResult> CheckAsync(IPEndPoint address, bool isBackup, CancellationToken cancellationToken)
    {
        var (socket, failure) = await ProbeSocket.ConnectAsync(address, cancellationToken).ConfigureAwait(false);
        if (socket is null)
        {
            return HealthProbeResult.Fail(failure!);
        }

        using (socket)
        {
            try
            {
                await socket.SendAsync(RequestFor(address), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                var buffer = new byte[MaxStatusLineBytes];
                var length = 0;
                while (true)
                {
                    var read = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, cancellationToken).ConfigureAwait(false);
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

                    if (length == buffer.Length)
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

    private byte[] RequestFor(IPEndPoint address) =>
        Encoding.ASCII.GetBytes($"{method} {uri} HTTP/1.1\r\nHost: {host ?? address.ToString()}\r\nUser-Agent: torii-health-check\r\nAccept: */*\r\nConnection: close\r\n\r\n");
}
