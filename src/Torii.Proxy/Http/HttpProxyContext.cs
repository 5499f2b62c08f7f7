using System.Text;
using Torii.Proxy.Http.Parsing;
using Torii.Proxy.Logging;
using Torii.Proxy.Metrics;
using Torii.Proxy.Runtime;

namespace Torii.Proxy.Http;

/// <summary>What every HTTP session of the process shares.</summary>
public sealed class HttpProxyContext(SnapshotHolder snapshots, HttpLimits limits, string requestIdHeader, ProxyMetrics metrics, AccessLog? accessLog)
{
    private readonly CancellationTokenSource _stoppingSource = new();
    private volatile bool _stopping;

    public SnapshotHolder Snapshots => snapshots;

    public HttpLimits Limits => limits;

    public ProxyMetrics Metrics => metrics;

    public AccessLog? AccessLog => accessLog;

    public byte[] RequestIdHeader { get; } = Encoding.ASCII.GetBytes(requestIdHeader);

    /// <summary>The global retry_after: seconds in the Retry-After of a 429 at max_connections_per_ip (0: none); a cluster may override it.</summary>
    public uint RetryAfterSeconds { get; init; } = 60;

    /// <summary>Set by a soft stop: sessions finish the request in hand and close instead of waiting for another.</summary>
    /// <summary>How long a keep-alive connection may stay idle once the proxy stops (soft stop, upgrade).</summary>
    public static readonly TimeSpan StoppingIdleGrace = TimeSpan.FromSeconds(1);

    public bool Stopping => _stopping;

    /// <summary>Cancelled by a soft stop: an HTTP/2 connection then sends GOAWAY and drains its streams.</summary>
    public CancellationToken StoppingToken => _stoppingSource.Token;

    public void BeginStopping()
    {
        _stopping = true;
        _stoppingSource.Cancel();
    }
}
