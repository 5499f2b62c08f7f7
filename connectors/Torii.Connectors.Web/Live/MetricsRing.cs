namespace Torii.Connectors.Web.Live;

/// <summary>The last <see cref="Capacity"/> samples, oldest first: 15 minutes at one a second.</summary>
internal sealed class MetricsRing(int capacity = MetricsRing.FifteenMinutes)
{
    public const int FifteenMinutes = 15 * 60;

    private readonly MetricsSample[] _samples = new MetricsSample[capacity];
    private readonly Lock _lock = new();
    private int _next;
    private int _count;

    public int Capacity => _samples.Length;

    public void Add(MetricsSample sample)
    {
        lock (_lock)
        {
            _samples[_next] = sample;
            _next = (_next + 1) % _samples.Length;
            _count = Math.Min(_count + 1, _samples.Length);
        }
    }

    public IReadOnlyList<MetricsSample> Snapshot()
    {
        lock (_lock)
        {
            var copy = new MetricsSample[_count];
            int start = (_next - _count + _samples.Length) % _samples.Length;
            for (int i = 0; i < _count; i++)
            {
                copy[i] = _samples[(start + i) % _samples.Length];
            }

            return copy;
        }
    }
}
