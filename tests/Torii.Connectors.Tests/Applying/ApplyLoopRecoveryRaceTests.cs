using Torii.Connectors.Applying;
using Torii.Connectors.Tests.Fakes;
using Torii.Connectors.Tests.Infrastructure;

namespace Torii.Connectors.Tests.Applying;

public sealed class ApplyLoopRecoveryRaceTests
{
    /// <summary>
    /// After a failure the loop waits for the requests still in flight before pausing and sending again. The last of
    /// them may end between the loop seeing it in flight and the loop starting to wait: that answer must still wake
    /// it. (Found by ProxyKilledMidStreamTests, which stalled until the in-flight warning fired 30 s later.)
    /// </summary>
    [Fact]
    public async Task An_answer_that_ends_while_the_loop_decides_to_wait_for_it_still_wakes_the_loop()
    {
        var clock = new HookedClock();
        await using var run = new LoopRun(
            new ApplyLoopOptions
            {
                Window = 16,
                RetryInitial = TimeSpan.FromMilliseconds(1),
                RetryMax = TimeSpan.FromMilliseconds(20),
                InFlightWarning = TimeSpan.FromHours(1),
            },
            clock);
        await run.HoldTwoInFlightAsync();

        // The pass that sees m1 fail reads the clock when it begins the recovery, then again when it finds m2 still in
        // flight and decides to wait for it: m2 ends right there.
        bool m2WasInFlight = false;
        clock.RunAt(2, () =>
        {
            m2WasInFlight = run.Proxy.HeldCount == 1 && run.Log.Contains("cannot apply message m1", StringComparison.Ordinal);
            run.Proxy.HoldAnswers = false;
            run.Proxy.BreakHeld();
        });
        run.Proxy.BreakFirstHeld();

        await Eventually.HoldsAsync(
            () => Task.FromResult(run.Source.Settled.Count == 3),
            () => $"m1 and m2 sent again and applied, long before the in-flight warning\n{run.Log}");
        Assert.True(m2WasInFlight, $"the hook did not run while the recovery waited for m2:\n{run.Log}");
        Assert.Equal(["ack:m0", "ack:m1", "ack:m2"], run.Source.Settled);
    }
}
