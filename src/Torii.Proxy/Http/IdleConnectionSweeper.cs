using Torii.Proxy.Runtime;

namespace Torii.Proxy.Http;

/// <summary>
/// One timer for every backend pool: once a second it closes the keep-alive connections that
/// have been idle past the timeout, so a burst's connections do not outlive it.
/// </summary>
public sealed class IdleConnectionSweeper : IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private readonly SnapshotHolder _snapshots;
    private readonly Timer _timer;

    public IdleConnectionSweeper(SnapshotHolder snapshots)
    {
        _snapshots = snapshots;
        _timer = new Timer(static sweeper => ((IdleConnectionSweeper)sweeper!).Sweep(), this, Period, Period);
    }

    public void Dispose() => _timer.Dispose();

    private void Sweep()
    {
        var now = Environment.TickCount64;
        foreach (var cluster in _snapshots.Current.Clusters.Values)
        {
            foreach (var backend in cluster.Backends.All)
            {
                (backend.ConnectionPool as BackendConnectionPool)?.CloseIdle(now);
                (backend.Http2Pool as Http2.Client.H2BackendPool)?.CloseIdle(now);
            }
        }
    }
}
