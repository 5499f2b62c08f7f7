using Google.Protobuf.Collections;
using Torii.Protocol;

namespace Torii.Proxy.Metrics;

/// <summary>The proxy-wide metrics; clusters and backends carry their own <see cref="TrafficMetrics"/>.</summary>
public sealed class ProxyMetrics
{
    /// <summary>The answers the proxy makes itself, each counted as http.CODE.errors.</summary>
    public static readonly int[] AnswerCodes = [400, 401, 404, 408, 413, 421, 429, 431, 501, 502, 503, 504, 505];

    private readonly long[] _answers = new long[AnswerCodes.Length];
    private long _tlsHandshakeFailures;
    private int _acceptQueueLength;
    private long _acceptQueueTimeouts;
    private long _proxyHeadersRefused;
    private long _perIpRejections;
    private volatile bool _enabled = true;

    public bool Enabled
    {
        get => _enabled;
        set => _enabled = value;
    }

    public TrafficMetrics Traffic { get; } = new();

    public LatencyHistogram ConnectTime { get; } = new();

    public Http2.Defences.Http2Metrics Http2 { get; } = new();

    public void RecordAnswer(int status)
    {
        var index = Array.IndexOf(AnswerCodes, status);
        if (index >= 0)
        {
            Interlocked.Increment(ref _answers[index]);
        }
    }

    public void RecordTlsHandshakeFailure() => Interlocked.Increment(ref _tlsHandshakeFailures);

    /// <summary>Connections waiting in the accept queue: a gauge, not cleared with the counters.</summary>
    public int AcceptQueueLength => Volatile.Read(ref _acceptQueueLength);

    public void AcceptQueueChanged(int delta) => Interlocked.Add(ref _acceptQueueLength, delta);

    public void RecordAcceptQueueTimeout() => Interlocked.Increment(ref _acceptQueueTimeouts);

    /// <summary>A connection of an expect_proxy listener closed for want of a valid PROXY header.</summary>
    public void RecordProxyHeaderRefused() => Interlocked.Increment(ref _proxyHeadersRefused);

    /// <summary>A request answered 429, or a TCP connection closed, at its IP's max_connections_per_ip.</summary>
    public void RecordPerIpRejection() => Interlocked.Increment(ref _perIpRejections);

    public void Clear()
    {
        Array.Clear(_answers);
        Interlocked.Exchange(ref _tlsHandshakeFailures, 0);
        Interlocked.Exchange(ref _acceptQueueTimeouts, 0);
        Interlocked.Exchange(ref _proxyHeadersRefused, 0);
        Interlocked.Exchange(ref _perIpRejections, 0);
        Traffic.Clear();
        ConnectTime.Clear();
        Http2.Clear();
    }

    public void WriteTo(MapField<string, FilteredMetrics> metrics, MetricFilter filter)
    {
        Traffic.WriteTo(metrics, filter);
        for (var i = 0; i < AnswerCodes.Length; i++)
        {
            filter.Count(metrics, $"http.{AnswerCodes[i]}.errors", _answers[i]);
        }

        filter.Count(metrics, "tls.handshake.failed", _tlsHandshakeFailures);
        filter.Histogram(metrics, "backend.connect.time", ConnectTime);
        filter.Gauge(metrics, "accept_queue.connections", AcceptQueueLength);
        filter.Count(metrics, "accept_queue.timeout", Interlocked.Read(ref _acceptQueueTimeouts));
        filter.Count(metrics, "proxy_protocol.refused", Interlocked.Read(ref _proxyHeadersRefused));
        filter.Count(metrics, "connections.rejected_per_cluster_ip", Interlocked.Read(ref _perIpRejections));
        Http2.WriteTo(metrics, filter);
    }
}
