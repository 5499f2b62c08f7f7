using System.Diagnostics;

namespace Torii.Connectors.Tests.Infrastructure;

/// <summary>Waits for a condition about another process or task, failing with a description once a deadline passes.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static Task HoldsAsync(Func<bool> condition, string description, TimeSpan? timeout = null) =>
        HoldsAsync(() => Task.FromResult(condition()), () => description, timeout);

    public static Task HoldsAsync(Func<Task<bool>> condition, string description, TimeSpan? timeout = null) =>
        HoldsAsync(condition, () => description, timeout);

    /// <param name="describe">Says what did not happen, when the deadline passed (so it can show the latest state).</param>
    public static async Task HoldsAsync(Func<Task<bool>> condition, Func<string> describe, TimeSpan? timeout = null)
    {
        TimeSpan limit = timeout ?? DefaultTimeout;
        long started = Stopwatch.GetTimestamp();
        while (!await condition())
        {
            if (Stopwatch.GetElapsedTime(started) > limit)
            {
                Assert.Fail($"after {limit.TotalSeconds:0.#} s, still not: {describe()}");
            }

            await Task.Delay(10);
        }
    }
}
