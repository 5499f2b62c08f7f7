namespace Torii.Proxy.Queueing;

/// <summary>A count of slots in use that never passes its limit, not even for an instant, so a concurrent release is never lost.</summary>
internal static class SlotCounter
{
    /// <summary>Adds one to <paramref name="held"/> when it is below <paramref name="limit"/>; false when it is at the limit.</summary>
    public static bool TryTake(ref int held, int limit)
    {
        var current = Volatile.Read(ref held);
        while (current < limit)
        {
            var seen = Interlocked.CompareExchange(ref held, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }
}
