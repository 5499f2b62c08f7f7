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

    /// <summary>Soft stop: keep-alive connections waiting for another request close now instead of at their timeout.</summary>
    public static void ExpireIdle()
    {
        foreach (var (deadline, _) in Deadlines)
        {
            deadline.ExpireIfIdle();
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
