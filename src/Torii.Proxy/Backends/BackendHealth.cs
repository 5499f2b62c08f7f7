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
    private long _checksSucceeded;
    private long _checksFailed;
    private long _wentUp;
    private long _wentDown;

    public bool IsDown => _down;

    /// <summary>Up, or down while its cluster fails open (every backend down and fail_open set).</summary>
    public bool AllowsTraffic => !_down || _cluster is { IsFailingOpen: true };

    /// <summary>Unix time in milliseconds of the last transition, or of when the backend or its check appeared.</summary>
    public long SinceUnixMs => Volatile.Read(ref _sinceUnixMs);

    public string? LastFailure => _lastFailure;

    // Created by the first record: a large state's clusters mostly never use it (bench/run.sh scenario s).
    private LatencyHistogram? _checkTime;

    public LatencyHistogram CheckTime => Volatile.Read(ref _checkTime) ?? LatencyHistogram.Create(ref _checkTime);

    internal ClusterHealth? Cluster
    {
        get => _cluster;
        set => _cluster = value;
    }

    /// <summary>Consecutive successful checks while down (rise) — touched only under the cluster's lock.</summary>
    internal int Rise { get; set; }

    /// <summary>Consecutive failed checks while up (fall) — touched only under the cluster's lock.</summary>
    internal int Fall { get; set; }

    internal void CountCheck(bool healthy) => Interlocked.Increment(ref healthy ? ref _checksSucceeded : ref _checksFailed);

    internal void SetDown(string reason, long nowUnixMs)
    {
        _lastFailure = reason;
        Volatile.Write(ref _sinceUnixMs, nowUnixMs);
        Rise = 0;
        Fall = 0;
        Interlocked.Increment(ref _wentDown);
        _down = true;
    }

    internal void SetUp(long nowUnixMs, bool countTransition)
    {
        Volatile.Write(ref _sinceUnixMs, nowUnixMs);
        Rise = 0;
        Fall = 0;
        if (countTransition)
        {
            Interlocked.Increment(ref _wentUp);
        }

        _down = false;
    }

    internal void NoteFailure(string reason) => _lastFailure = reason;

    public void ClearMetrics()
    {
        Interlocked.Exchange(ref _checksSucceeded, 0);
        Interlocked.Exchange(ref _checksFailed, 0);
        Interlocked.Exchange(ref _wentUp, 0);
        Interlocked.Exchange(ref _wentDown, 0);
        Volatile.Read(ref _checkTime)?.Clear();
    }

    public void WriteTo(MapField<string, FilteredMetrics> metrics, MetricFilter filter)
    {
        filter.Gauge(metrics, HealthMetricNames.Up, _down ? 0 : 1);
        filter.Count(metrics, HealthMetricNames.Success, Interlocked.Read(ref _checksSucceeded));
        filter.Count(metrics, HealthMetricNames.Failure, Interlocked.Read(ref _checksFailed));
        filter.Count(metrics, HealthMetricNames.WentUp, Interlocked.Read(ref _wentUp));
        filter.Count(metrics, HealthMetricNames.WentDown, Interlocked.Read(ref _wentDown));
        filter.Histogram(metrics, HealthMetricNames.CheckTime, Volatile.Read(ref _checkTime) ?? LatencyHistogram.Empty);
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
