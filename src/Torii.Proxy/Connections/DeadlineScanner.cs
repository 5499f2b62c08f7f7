namespace Torii.Proxy.Connections;

/// <summary>
/// One timer for every open connection: a sweep four times a second, instead of a
/// timer per connection or per read. Timeouts are therefore precise to 250 ms.
/// </summary>
/// <remarks>
/// The deadlines sit in one array, each at the slot it was given, with freed slots reused: 12 bytes a
/// connection, where a concurrent set's node and bucket were about 70. A sweep reads the array without
/// the lock; a slot it reads while changing holds a deadline that is either still open or harmlessly
/// checked once more.
/// </remarks>
internal static class DeadlineScanner
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(250);
    private static readonly Lock Gate = new();
    private static readonly Timer Sweeper = new(static _ => Sweep(), null, Period, Period);

    private static ConnectionDeadline?[] s_slots = new ConnectionDeadline?[256];
    private static int[] s_free = new int[256];
    private static int s_freeCount;
    private static int s_used;

    public static void Register(ConnectionDeadline deadline)
    {
        GC.KeepAlive(Sweeper);
        lock (Gate)
        {
            int slot;
            if (s_freeCount > 0)
            {
                slot = s_free[--s_freeCount];
            }
            else
            {
                slot = s_used++;
                if (slot == s_slots.Length)
                {
                    var grown = new ConnectionDeadline?[s_slots.Length * 2];
                    Array.Copy(s_slots, grown, s_slots.Length);
                    Volatile.Write(ref s_slots, grown);
                    Array.Resize(ref s_free, grown.Length);
                }
            }

            deadline.Slot = slot;
            Volatile.Write(ref s_slots[slot], deadline);
        }
    }

    public static void Unregister(ConnectionDeadline deadline)
    {
        lock (Gate)
        {
            var slot = deadline.Slot;
            if (slot < 0)
            {
                return;
            }

            deadline.Slot = -1;
            Volatile.Write(ref s_slots[slot], null);
            s_free[s_freeCount++] = slot;
        }
    }

    /// <summary>
    /// Soft stop: keep-alive connections waiting for another request close within <paramref name="grace"/>
    /// instead of at their timeout (a request already on its way still gets its answer).
    /// </summary>
    public static void ShortenIdle(TimeSpan grace)
    {
        var latest = Environment.TickCount64 + (long)grace.TotalMilliseconds;
        foreach (var deadline in Volatile.Read(ref s_slots))
        {
            deadline?.ShortenIfIdle(latest);
        }
    }

    private static void Sweep()
    {
        var now = Environment.TickCount64;
        foreach (var deadline in Volatile.Read(ref s_slots))
        {
            deadline?.Check(now);
        }
    }
}
