using Google.Protobuf.Collections;
using Torii.Protocol;

namespace Torii.Proxy.Metrics;

/// <summary>
/// What the proxy counts for one scope (the whole proxy, a cluster or a backend):
/// striped adds on the request path, summed and shaped only when queried.
/// </summary>
public sealed class TrafficMetrics
{
    private const int Requests = 0;
    private const int FirstStatusClass = 1; // 1xx .. 5xx: 1 .. 5
    private const int Errors = 6;
    private const int BytesIn = 7;
    private const int BytesOut = 8;
    private const int ConnectErrors = 9;

    private static readonly string[] StatusClassNames = ["http.status.1xx", "http.status.2xx", "http.status.3xx", "http.status.4xx", "http.status.5xx"];

    /// <summary>Nothing recorded, for reading the metrics of a scope that has none yet; never recorded into.</summary>
    public static TrafficMetrics None { get; } = new();

    // Not readonly: the counters are a struct whose cells are made by the first add.
    private StripedCounters _counters = new(ConnectErrors + 1);

    // Allocated by the first record, as the counters' cells are: most clusters and backends of a large state
    // never carry traffic, and these were four objects of each (bench/run.sh scenario s).
    private LatencyHistogram? _responseTime;
    private LatencyHistogram? _requestTime;

    public LatencyHistogram ResponseTime => Volatile.Read(ref _responseTime) ?? LatencyHistogram.Create(ref _responseTime);

    public LatencyHistogram RequestTime => Volatile.Read(ref _requestTime) ?? LatencyHistogram.Create(ref _requestTime);

    public void RecordRequest(int status, bool answeredByProxy, long bytesIn, long bytesOut, long totalMicros)
    {
        _counters.Increment(Requests);
        if (status is >= 100 and < 600)
        {
            _counters.Increment(FirstStatusClass + (status / 100) - 1);
        }

        if (answeredByProxy && status >= 400)
        {
            _counters.Increment(Errors);
        }

        RecordBytes(bytesIn, bytesOut);
        RequestTime.Record(totalMicros);
    }

    public void RecordBytes(long bytesIn, long bytesOut)
    {
        _counters.Add(BytesIn, bytesIn);
        _counters.Add(BytesOut, bytesOut);
    }

    public void RecordConnectError() => _counters.Increment(ConnectErrors);

    public void Clear()
    {
        _counters.Clear();
        Volatile.Read(ref _responseTime)?.Clear();
        Volatile.Read(ref _requestTime)?.Clear();
    }

    public void WriteTo(MapField<string, FilteredMetrics> metrics, MetricFilter filter)
    {
        filter.Count(metrics, "http.requests", _counters.Sum(Requests));
        for (var i = 0; i < StatusClassNames.Length; i++)
        {
            filter.Count(metrics, StatusClassNames[i], _counters.Sum(FirstStatusClass + i));
        }

        filter.Count(metrics, "http.errors", _counters.Sum(Errors));
        filter.Count(metrics, "bytes_in", _counters.Sum(BytesIn));
        filter.Count(metrics, "bytes_out", _counters.Sum(BytesOut));
        filter.Count(metrics, "backend.connections.error", _counters.Sum(ConnectErrors));
        filter.Histogram(metrics, "backend.response.time", Volatile.Read(ref _responseTime) ?? LatencyHistogram.Empty);
        filter.Histogram(metrics, "request.time", Volatile.Read(ref _requestTime) ?? LatencyHistogram.Empty);
    }
}
