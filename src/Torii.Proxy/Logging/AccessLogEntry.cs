using System.Net;

namespace Torii.Proxy.Logging;

/// <summary>One request as the access log records it; spans point into the connection's buffers and live only for the call.</summary>
public readonly ref struct AccessLogEntry
{
    public DateTime Time { get; init; }

    public ReadOnlySpan<byte> RequestId { get; init; }

    public string? ClusterId { get; init; }

    public string? BackendId { get; init; }

    public IPEndPoint? Client { get; init; }

    public ReadOnlySpan<byte> Method { get; init; }

    public ReadOnlySpan<byte> Host { get; init; }

    public ReadOnlySpan<byte> Path { get; init; }

    public int Status { get; init; }

    public long BytesIn { get; init; }

    public long BytesOut { get; init; }

    public long ServiceMicros { get; init; }

    public long TotalMicros { get; init; }
}
