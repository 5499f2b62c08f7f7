namespace Torii.Proxy.Metrics;

/// <summary>
/// A fixed set of counters, one copy per CPU stripe: a request adds to the copy of the CPU it runs on,
/// so the I/O threads never fight over a cache line; a query sums the copies.
/// </summary>
/// <remarks>
/// A struct held in a field of its owner (never readonly, never copied: a copy would make its cells apart), since
/// an object of its own was 32 bytes more per cluster of a large state (bench/run.sh scenario s).
/// </remarks>
public struct StripedCounters
{
    private const int CacheLineLongs = 8;
    private const int MaxStripes = 8;

    private static readonly int StripeMask = StripeCount() - 1;

    // Allocated by the first Add: a cluster or backend that never carries traffic (most of a
    // 100,000-cluster state) costs a few bytes, not a kilobyte per counter set (bench/run.sh scenario s).
    private long[]? _cells;
    private readonly int _stride;
    private readonly int _count;

    public StripedCounters(int count)
    {
        _count = count;
        // Each stripe starts on its own cache line and a line of padding separates the last from whatever follows.
        _stride = ((count + CacheLineLongs - 1) / CacheLineLongs * CacheLineLongs) + CacheLineLongs;
    }

    public readonly int Count => _count;

    public void Add(int counter, long value)
    {
        var cells = Volatile.Read(ref _cells) ?? Allocate();
        Interlocked.Add(ref cells[CacheLineLongs + ((Thread.GetCurrentProcessorId() & StripeMask) * _stride) + counter], value);
    }

    public void Increment(int counter) => Add(counter, 1);

    public long Sum(int counter)
    {
        var cells = Volatile.Read(ref _cells);
        if (cells is null)
        {
            return 0;
        }

        long sum = 0;
        for (var stripe = 0; stripe <= StripeMask; stripe++)
        {
            sum += Volatile.Read(ref cells[CacheLineLongs + (stripe * _stride) + counter]);
        }

        return sum;
    }

    public void Clear()
    {
        var cells = Volatile.Read(ref _cells);
        if (cells is null)
        {
            return;
        }

        for (var i = 0; i < cells.Length; i++)
        {
            Interlocked.Exchange(ref cells[i], 0);
        }
    }

    /// <summary>Two threads racing here keep one array: the loser's is dropped before anything was added to it.</summary>
    private long[] Allocate()
    {
        var cells = new long[((StripeMask + 1) * _stride) + CacheLineLongs];
        return Interlocked.CompareExchange(ref _cells, cells, null) ?? cells;
    }

    private static int StripeCount()
    {
        var stripes = 1;
        while (stripes < Math.Min(Environment.ProcessorCount, MaxStripes))
        {
            stripes *= 2;
        }

        return stripes;
    }
}
