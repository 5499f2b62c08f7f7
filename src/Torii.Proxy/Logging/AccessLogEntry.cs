using System.Net;
using Torii.Proxy.Tls;

namespace Torii.Proxy.Logging;

/// <summary>One request as the access log records it; spans point into the connection's buffers and live only for the call.</summary>
public readonly ref struct AccessLogEntry
{
    public DateTime Time { get; init; }

    public AccessLogProtocol Protocol { get; init; }

    public ReadOnlySpan<byte> RequestId { get; init; }

    public string? ClusterId { get; init; }

    public string? BackendId { get; init; }

    public IPEndPoint? Client { get; init; }

    public IPEndPoint? BackendAddress { get; init; }

    public ReadOnlySpan<byte> Method { get; init; }

    public ReadOnlySpan<byte> Host { get; init; }

    public ReadOnlySpan<byte> Path { get; init; }

    /// <summary>Set only when the format records it (<see cref="AccessLog.RecordsUserAgent"/>): ascii does not.</summary>
    public ReadOnlySpan<byte> UserAgent { get; init; }

    /// <summary>The connection's TLS parameters; null on a plain connection.</summary>
    public TlsDetails? Tls { get; init; }

    public int Status { get; init; }

    public long BytesIn { get; init; }

    public long BytesOut { get; init; }

    public long ServiceMicros { get; init; }

    public long TotalMicros { get; init; }
}
