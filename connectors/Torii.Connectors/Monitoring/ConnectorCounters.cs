namespace Torii.Connectors.Monitoring;

/// <summary>What the apply loop did since the connector started; safe to read from any thread.</summary>
public sealed class ConnectorCounters
{
    private long _received;
    private long _applied;
    private long _failed;
    private long _deadLettered;
    private long _retried;

    /// <summary>Messages taken from the broker (a redelivered message counts again).</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Requests the proxy answered OK.</summary>
    public long Applied => Interlocked.Read(ref _applied);

    /// <summary>Requests the proxy answered FAILURE.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Messages sent to the dead-letter destination: undecodable ones, and refused ones when configured.</summary>
    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    /// <summary>Requests sent again because the proxy could not be reached or did not answer.</summary>
    public long Retried => Interlocked.Read(ref _retried);

    public void CountReceived() => Interlocked.Increment(ref _received);

    public void CountApplied() => Interlocked.Increment(ref _applied);

    public void CountFailed() => Interlocked.Increment(ref _failed);

    public void CountDeadLettered() => Interlocked.Increment(ref _deadLettered);

    public void CountRetried() => Interlocked.Increment(ref _retried);

    public CounterSnapshot Snapshot() => new(Received, Applied, Failed, DeadLettered, Retried);
}
