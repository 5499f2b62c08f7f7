using Torii.Proxy.Metrics;

namespace Torii.Proxy.Tests.Metrics;

[Collection("allocation measurements")]
public sealed class StripedCountersTests
{
    [Fact]
    public async Task Adds_from_many_threads_are_all_in_the_sum_and_counters_stay_apart()
    {
        var counters = new StripedCounters(3);
        const int Threads = 8;
        const int AddsPerThread = 100_000;

        await Task.WhenAll(Enumerable.Range(0, Threads).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < AddsPerThread; i++)
            {
                counters.Increment(0);
                counters.Add(2, 5);
            }
        })));

        Assert.Equal(Threads * AddsPerThread, counters.Sum(0));
        Assert.Equal(0, counters.Sum(1));
        Assert.Equal(5L * Threads * AddsPerThread, counters.Sum(2));
    }

    [Fact]
    public void A_set_never_added_to_costs_no_cells_and_reads_zero()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var counters = new StripedCounters(19);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // One stripe of 19 counters alone would be 256 bytes; counters without cells are a value in their owner.
        Assert.Equal(0, allocated);
        Assert.Equal(0, counters.Sum(18));
        counters.Clear();
        counters.Add(18, 3);
        Assert.Equal(3, counters.Sum(18));
        Assert.Equal(0, counters.Sum(0));
    }

    [Fact]
    public void Clear_resets_every_counter()
    {
        var counters = new StripedCounters(9);
        for (var counter = 0; counter < counters.Count; counter++)
        {
            counters.Add(counter, counter + 1);
        }

        counters.Clear();

        Assert.All(Enumerable.Range(0, counters.Count), counter => Assert.Equal(0, counters.Sum(counter)));
    }

    [Fact]
    public void The_last_counter_of_a_size_that_fills_a_cache_line_is_its_own()
    {
        var counters = new StripedCounters(8);
        counters.Add(7, 42);

        Assert.Equal(42, counters.Sum(7));
        Assert.Equal(0, counters.Sum(6));
    }
}
