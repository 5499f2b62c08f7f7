namespace Torii.Proxy.Health;

/// <summary>
/// Every backend's next check, in one priority queue ordered by due time: the checker waits for
/// the earliest alone, so a thousand backends cost one timer, not a thousand.
/// </summary>
internal sealed class HealthSchedule
{
    private readonly PriorityQueue<ScheduledCheck, long> _queue = new();

    public int Count => _queue.Count;

    /// <summary>Where the <paramref name="index"/>-th of <paramref name="count"/> backends first falls in an interval: evenly apart.</summary>
    public static long SpreadOffset(int index, int count, long intervalMs) =>
        count <= 1 ? 0 : intervalMs * index / count;

    public void Add(ScheduledCheck check, long dueMs)
    {
        check.DueMs = dueMs;
        _queue.Enqueue(check, dueMs);
    }

    /// <summary>The earliest due time of a live entry; null when nothing is scheduled.</summary>
    public long? NextDueMs()
    {
        while (_queue.TryPeek(out var check, out var due))
        {
            if (!check.IsCancelled)
            {
                return due;
            }

            _queue.Dequeue();
        }

        return null;
    }

    /// <summary>Moves every live entry due at or before <paramref name="nowMs"/> into <paramref name="due"/>.</summary>
    public void TakeDue(long nowMs, List<ScheduledCheck> due)
    {
        while (_queue.TryPeek(out var check, out var dueMs) && dueMs <= nowMs)
        {
            _queue.Dequeue();
            if (!check.IsCancelled)
            {
                due.Add(check);
            }
        }
    }
}
