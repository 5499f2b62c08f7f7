namespace Torii.Pulsar;

/// <summary>
/// Sends PING once nothing arrived for a keep-alive interval, and reports a timeout when nothing
/// (the PONG or anything else) arrives within another interval after that PING.
/// </summary>
/// <remarks>
/// Judged by elapsed time rather than by counting timer ticks: a late tick (a busy thread pool)
/// must not count as an unanswered interval.
/// </remarks>
internal sealed class KeepAliveMonitor(TimeSpan interval, Func<CancellationToken, ValueTask> sendPing)
{
    private readonly long _intervalMilliseconds = Math.Max(1, (long)interval.TotalMilliseconds);
    private long _lastReceivedAt = Environment.TickCount64;

    /// <summary>Call for every frame received.</summary>
    public void Received() => Volatile.Write(ref _lastReceivedAt, Environment.TickCount64);

    /// <summary>Runs until a PING goes unanswered (returns) or <paramref name="cancellationToken"/> fires (throws).</summary>
    public async Task RunUntilTimeoutAsync(CancellationToken cancellationToken)
    {
        long? pingSentAt = null;
        using var timer = new PeriodicTimer(interval / 4);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            long now = Environment.TickCount64;
            long lastReceived = Volatile.Read(ref _lastReceivedAt);
            if (pingSentAt is { } sentAt)
            {
                if (lastReceived >= sentAt)
                {
                    pingSentAt = null;
                }
                else if (now - sentAt >= _intervalMilliseconds)
                {
                    return;
                }

                continue;
            }

            if (now - lastReceived >= _intervalMilliseconds)
            {
                pingSentAt = now;
                await sendPing(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
