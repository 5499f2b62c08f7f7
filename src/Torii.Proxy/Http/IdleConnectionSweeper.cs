namespace Torii.Proxy.Http;

/// <summary>
/// One timer for every backend pool: once a second it closes the keep-alive connections that
/// have been idle past the timeout, so a burst's connections do not outlive it. It visits only the
/// pools holding idle connections (<see cref="IdlePools"/>).
/// </summary>
public sealed class IdleConnectionSweeper : IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private readonly Timer _timer = new(static _ => IdlePools.Sweep(Environment.TickCount64), null, Period, Period);

    public void Dispose() => _timer.Dispose();
}
