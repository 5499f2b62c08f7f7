namespace Torii.Bench;

/// <summary>Commands applied and failed, and the latency of the applied ones; thread-safe.</summary>
public sealed class ChurnStatistics
{
    private readonly Lock _lock = new();
    private readonly List<double> _latenciesMicroseconds = [];
    private long _failed;
    private string? _firstFailure;

    public long Applied
    {
        get
        {
            lock (_lock)
            {
                return _latenciesMicroseconds.Count;
            }
        }
    }

    public long Failed => Interlocked.Read(ref _failed);

    public string? FirstFailure => Volatile.Read(ref _firstFailure);

    public void Record(TimeSpan latency)
    {
        lock (_lock)
        {
            _latenciesMicroseconds.Add(latency.TotalMicroseconds);
        }
    }

    public void Fail(string message)
    {
        Interlocked.Increment(ref _failed);
        Interlocked.CompareExchange(ref _firstFailure, message, null);
    }

    /// <summary>The latency at quantile <paramref name="q"/> (0..1) in µs; 0 when nothing was applied.</summary>
    public double Percentile(double q)
    {
        lock (_lock)
        {
            if (_latenciesMicroseconds.Count == 0)
            {
                return 0;
            }

            var sorted = _latenciesMicroseconds.Order().ToList();
            var index = (int)Math.Ceiling(q * sorted.Count) - 1;
            return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
        }
    }
}
