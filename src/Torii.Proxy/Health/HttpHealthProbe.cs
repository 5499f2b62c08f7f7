using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Torii.Proxy.Health.Polling;

namespace Torii.Proxy.Health;

/// <summary>
/// Sends `METHOD uri HTTP/1.1` with Host and Connection: close on a connection of its own, reads the
/// status line only (within a bounded buffer) and compares the status: 0 expects any 2xx. The
/// connection is stepped by the <see cref="CheckPoller"/>.
/// </summary>
public sealed class HttpHealthProbe(string method, string uri, string? host, uint expectedStatus) : IHealthProbe
{
    /// <summary>A status line longer than this is not one a health endpoint sends.</summary>
    public const int MaxStatusLineBytes = 512;

    /// <summary>Backends come and go: past this many addresses the cache starts over rather than grow.</summary>
    private const int MaxCachedRequests = 4096;

    private readonly ConcurrentDictionary<IPEndPoint, byte[]> _requests = new();
    private readonly byte[]? _fixedHostRequest = host is null ? null : Format(method, uri, host);

    public ValueTask<HealthProbeResult> CheckAsync(IPEndPoint address, bool isBackup, CancellationToken cancellationToken) =>
        CheckPoller.Shared.RunAsync(new HttpCheck(this, RequestFor(address)), address, cancellationToken);

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
