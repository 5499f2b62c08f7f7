using Google.Protobuf.Collections;
using Torii.Protocol;
using Torii.Proxy.Metrics;

namespace Torii.Proxy.Backends;

/// <summary>
/// A backend's health as its cluster's active checks and passive failures see it: up or down,
/// since when, why it last failed, and the rise/fall counters. The data path reads only the
/// volatile flags; every change goes through <see cref="ClusterHealth"/>, which serialises them.
/// </summary>
public sealed class BackendHealth
{
    private volatile bool _down;
    private volatile ClusterHealth? _cluster;
    private volatile string? _lastFailure;
    private long _sinceUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private HealthCounters? _counters;

    public bool IsDown => _down;

    /// <summary>Up, or down while its cluster fails open (every backend down and fail_open set).</summary>
    public bool AllowsTraffic => !_down || _cluster is { IsFailingOpen: true };

    /// <summary>Unix time in milliseconds of the last transition, or of when the backend or its check appeared.</summary>
    public long SinceUnixMs => Volatile.Read(ref _sinceUnixMs);

    public string? LastFailure => _lastFailure;

    public LatencyHistogram CheckTime => Counters.CheckTime;

    // Two threads racing here keep one.
    private HealthCounters Counters => LazyInitializer.EnsureInitialized(ref _counters, static () => new HealthCounters());

    internal ClusterHealth? Cluster
    {
        get => _cluster;
        set => _cluster = value;
    }

    /// <summary>Consecutive successful checks while down (rise) — touched only under the cluster's lock.</summary>
    internal int Rise { get; set; }

    /// <summary>Consecutive failed checks while up (fall) — touched only under the cluster's lock.</summary>
    internal int Fall { get; set; }

    internal void CountCheck(bool healthy)
    {
        var counters = Counters;
        Interlocked.Increment(ref healthy ? ref counters.ChecksSucceeded : ref counters.ChecksFailed);
    }

    internal void SetDown(string reason, long nowUnixMs)
    {
        _lastFailure = reason;
        Volatile.Write(ref _sinceUnixMs, nowUnixMs);
        Rise = 0;
        Fall = 0;
        Interlocked.Increment(ref Counters.WentDown);
        _down = true;
    }

    internal void SetUp(long nowUnixMs, bool countTransition)
    {
        Volatile.Write(ref _sinceUnixMs, nowUnixMs);
        Rise = 0;
        Fall = 0;
        if (countTransition)
        {
            Interlocked.Increment(ref Counters.WentUp);
        }

        _down = false;
    }

    internal void NoteFailure(string reason) => _lastFailure = reason;

    public void ClearMetrics()
    {
        if (Volatile.Read(ref _counters) is not { } counters)
        {
            return;
        }

        Interlocked.Exchange(ref counters.ChecksSucceeded, 0);
        Interlocked.Exchange(ref counters.ChecksFailed, 0);
        Interlocked.Exchange(ref counters.WentUp, 0);
        Interlocked.Exchange(ref counters.WentDown, 0);
        counters.RecordedCheckTime?.Clear();
    }

    public void WriteTo(MapField<string, FilteredMetrics> metrics, MetricFilter filter)
    {
        var counters = Volatile.Read(ref _counters);
        filter.Gauge(metrics, HealthMetricNames.Up, _down ? 0 : 1);
        filter.Count(metrics, HealthMetricNames.Success, counters is null ? 0 : Interlocked.Read(ref counters.ChecksSucceeded));
        filter.Count(metrics, HealthMetricNames.Failure, counters is null ? 0 : Interlocked.Read(ref counters.ChecksFailed));
        filter.Count(metrics, HealthMetricNames.WentUp, counters is null ? 0 : Interlocked.Read(ref counters.WentUp));
        filter.Count(metrics, HealthMetricNames.WentDown, counters is null ? 0 : Interlocked.Read(ref counters.WentDown));
        filter.Histogram(metrics, HealthMetricNames.CheckTime, counters?.RecordedCheckTime ?? LatencyHistogram.Empty);
    }

    public BackendHealthStatus ToStatus(Backend backend, bool checkedCluster)
    {
        var status = new BackendHealthStatus
        {
            ClusterId = backend.ClusterId,
            BackendId = backend.Id,
            Up = !_down,
            Since = SinceUnixMs,
            Checked = checkedCluster,
        };
        if (_lastFailure is { } failure)
        {
            status.LastFailure = failure;
        }

        return status;
    }
}
