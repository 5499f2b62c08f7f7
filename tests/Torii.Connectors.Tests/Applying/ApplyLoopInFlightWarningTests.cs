using Torii.Connectors.Applying;
using Torii.Connectors.Tests.Fakes;
using Torii.Connectors.Tests.Infrastructure;

namespace Torii.Connectors.Tests.Applying;

public sealed class ApplyLoopInFlightWarningTests
{
    [Fact]
    public async Task A_request_that_never_ends_after_a_failure_is_named_and_the_loop_recovers_once_it_ends()
    {
        await using var run = new LoopRun(new ApplyLoopOptions
        {
            Window = 16,
            RetryInitial = TimeSpan.FromMilliseconds(1),
            RetryMax = TimeSpan.FromMilliseconds(20),
            InFlightWarning = TimeSpan.FromMilliseconds(200),
        });
        await run.HoldTwoInFlightAsync();

        run.Proxy.BreakFirstHeld();

        await Eventually.HoldsAsync(
            () => Task.FromResult(run.Log.Contains("requests in flight (the oldest: message m2, add_backend", StringComparison.Ordinal)),
            () => $"a warning naming m2, which the loop still waits for\n{run.Log}");
        Assert.DoesNotContain("proxy unreachable", run.Log, StringComparison.Ordinal);
        run.Proxy.HoldAnswers = false;
        run.Proxy.ReleaseHeld();
        await Eventually.HoldsAsync(() => Task.FromResult(run.Source.Settled.Count == 3), () => $"m1 and m2 sent again and applied\n{run.Log}");
        Assert.Equal(["ack:m0", "ack:m1", "ack:m2"], run.Source.Settled);
    }
}
