namespace Torii.Client;

/// <summary>Doubling pauses, each randomly shortened by up to half so that many clients spread out.</summary>
internal sealed class ExponentialBackoff
{
    private readonly TimeSpan _max;
    private TimeSpan _next;

    public ExponentialBackoff(TimeSpan initial, TimeSpan max)
    {
        _next = initial;
        _max = max;
    }

    public TimeSpan Next()
    {
        TimeSpan current = _next;
        _next = current >= _max / 2 ? _max : current * 2;
        return current * (0.5 + (Random.Shared.NextDouble() * 0.5));
    }
}
