using Google.Protobuf.Collections;
using Torii.Protocol;

namespace Torii.Proxy.Metrics;

/// <summary>
/// What the proxy counts for one scope (the whole proxy, a cluster or a backend):
/// plain atomic adds on the request path, read and shaped only when queried.
/// </summary>
public sealed class TrafficMetrics
{
    private readonly long[] _statusClasses = new long[5];
    private long _requests;
    private long _errors;
    private long _bytesIn;
    private long _bytesOut;
    private long _connectErrors;

    public LatencyHistogram ResponseTime { get; } = new();

    public LatencyHistogram RequestTime { get; } = new();

    public void RecordRequest(int status, bool answeredByProxy, long bytesIn, long bytesOut, long totalMicros)
    {
        Interlocked.Increment(ref _requests);
        if (status is >= 100 and < 600)
        {
            Interlocked.Increment(ref _statusClasses[(status / 100) - 1]);
        }

        if (answeredByProxy && status >= 400)
        {
            Interlocked.Increment(ref _errors);
        }

        Interlocked.Add(ref _bytesIn, bytesIn);
        Interlocked.Add(ref _bytesOut, bytesOut);
        RequestTime.Record(totalMicros);
    }

    public void RecordBytes(long bytesIn, long bytesOut)
    {
        Interlocked.Add(ref _bytesIn, bytesIn);
        Interlocked.Add(ref _bytesOut, bytesOut);
    }

    public void RecordConnectError() => Interlocked.Increment(ref _connectErrors);

    public void Clear()
    {
        Array.Clear(_statusClasses);
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _errors, 0);
        Interlocked.Exchange(ref _bytesIn, 0);
        Interlocked.Exchange(ref _bytesOut, 0);
        Interlocked.Exchange(ref _connectErrors, 0);
        ResponseTime.Clear();
        RequestTime.Clear();
    }

    public void WriteTo(MapField<string, FilteredMetrics> metrics, MetricFilter filter)
    {
        filter.Count(metrics, "http.requests", _requests);
        for (var i = 0; i < _statusClasses.Length; i++)
        {
            filter.Count(metrics, StatusClassNames[i], _statusClasses[i]);
        }

        filter.Count(metrics, "http.errors", _errors);
        filter.Count(metrics, "bytes_in", _bytesIn);
        filter.Count(metrics, "bytes_out", _bytesOut);
        filter.Count(metrics, "backend.connections.error", _connectErrors);
        filter.Histogram(metrics, "backend.response.time", ResponseTime);
        filter.Histogram(metrics, "request.time", RequestTime);
    }

    private static readonly string[] StatusClassNames = ["http.status.1xx", "http.status.2xx", "http.status.3xx", "http.status.4xx", "http.status.5xx"];
}
