namespace Torii.Pulsar;

/// <summary>Delays that double from an initial value up to a maximum; reset after a success. Not thread-safe.</summary>
internal sealed class Backoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private TimeSpan _next;

    public Backoff(TimeSpan initial, TimeSpan max)
    {
        _initial = initial;
        _max = max;
        _next = initial;
    }

    public TimeSpan Next()
    {
        TimeSpan current = _next;
        _next = current >= _max / 2 ? _max : current * 2;
        return current;
    }

    public void Reset() => _next = _initial;
}
