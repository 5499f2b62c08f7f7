namespace Torii.Connectors.Prometheus.Tests.EndToEnd;

/// <summary>Polls a condition until it holds or a deadline passes; tests wait on what they need, never on the clock alone.</summary>
public static class Eventually
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    /// <param name="probe">Returns null once satisfied, else what is still missing, for the failure message.</param>
    public static async Task HoldsAsync(Func<Task<string?>> probe, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            string? missing = await probe();
            if (missing is null)
            {
                return;
            }

            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail($"still not true after {timeout.TotalSeconds:0} s: {missing}");
            }

            await Task.Delay(Pause);
        }
    }
}
