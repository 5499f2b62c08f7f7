using Torii.Proxy.Metrics;

namespace Torii.Proxy.Backends;

/// <summary>
/// What a backend's health checks counted. Made by the first count: most backends of a large state are never checked,
/// and these four counters and the histogram's slot were 32 bytes a backend at 100,000 clusters (bench/run.sh scenario s).
/// </summary>
internal sealed class HealthCounters
{
    public long ChecksSucceeded;
    public long ChecksFailed;
    public long WentUp;
    public long WentDown;

    // Created by the first record, for the same reason.
    private LatencyHistogram? _checkTime;

    public LatencyHistogram CheckTime => Volatile.Read(ref _checkTime) ?? LatencyHistogram.Create(ref _checkTime);

    public LatencyHistogram? RecordedCheckTime => Volatile.Read(ref _checkTime);
}
