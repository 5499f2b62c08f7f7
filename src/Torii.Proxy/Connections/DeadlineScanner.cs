using System.Collections.Concurrent;

namespace Torii.Proxy.Connections;

/// <summary>
/// One timer for every open connection: a sweep four times a second, instead of a
/// timer per connection or per read. Timeouts are therefore precise to 250 ms.
/// </summary>
internal static class DeadlineScanner
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(250);
    private static readonly ConcurrentDictionary<ConnectionDeadline, byte> Deadlines = new();
    private static readonly Timer Sweeper = new(static _ => Sweep(), null, Period, Period);

    public static void Register(ConnectionDeadline deadline)
    {
        GC.KeepAlive(Sweeper);
        Deadlines.TryAdd(deadline, 0);
    }

    public static void Unregister(ConnectionDeadline deadline) => Deadlines.TryRemove(deadline, out _);

    /// <summary>
    /// Soft stop: keep-alive connections waiting for another request close within <paramref name="grace"/>
    /// instead of at their timeout (a request already on its way still gets its answer).
    /// </summary>
    public static void ShortenIdle(TimeSpan grace)
    {
        var latest = Environment.TickCount64 + (long)grace.TotalMilliseconds;
        foreach (var (deadline, _) in Deadlines)
        {
            deadline.ShortenIfIdle(latest);
        }
    }

    private static void Sweep()
    {
        var now = Environment.TickCount64;
        foreach (var (deadline, _) in Deadlines)
        {
            deadline.Check(now);
        }
    }
}
