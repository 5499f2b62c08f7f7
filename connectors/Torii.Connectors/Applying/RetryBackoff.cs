namespace Torii.Connectors.Applying;

/// <summary>Pauses that double from an initial value up to a maximum, each shortened at random by up to a quarter so a fleet spreads out.</summary>
public sealed class RetryBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private TimeSpan _next;

    public RetryBackoff(TimeSpan initial, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        _initial = initial;
        _max = max;
        _next = initial;
    }

    /// <summary>Pauses taken since the last reset.</summary>
    public int Attempts { get; private set; }

    public TimeSpan Next()
    {
        TimeSpan current = _next;
        _next = current >= _max / 2 ? _max : current * 2;
        Attempts++;
        return current * (0.75 + (Random.Shared.NextDouble() * 0.25));
    }

    public void Reset()
    {
        _next = _initial;
        Attempts = 0;
    }
}
