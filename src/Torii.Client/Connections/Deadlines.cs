using System.Diagnostics;

namespace Torii.Client;

/// <summary>Request deadlines as Stopwatch timestamps: comparing two longs is all a sweep needs.</summary>
internal static class Deadlines
{
    public const long None = long.MaxValue;

    public static long After(TimeSpan timeout) =>
        timeout == Timeout.InfiniteTimeSpan
            ? None
            : Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Time left until <paramref name="deadline"/>, never negative; infinite for <see cref="None"/>.</summary>
    public static TimeSpan Remaining(long deadline) =>
        deadline == None
            ? Timeout.InfiniteTimeSpan
            : TimeSpan.FromSeconds(Math.Max(0, deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);

    /// <summary>
    /// How often a connection looks for an expired request: an eighth of the timeout, so a request
    /// times out at most an eighth late, between 5 ms and 1 s.
    /// </summary>
    public static TimeSpan SweepPeriod(TimeSpan timeout) =>
        TimeSpan.FromTicks(Math.Clamp(timeout.Ticks / 8, TimeSpan.FromMilliseconds(5).Ticks, TimeSpan.FromSeconds(1).Ticks));
}
