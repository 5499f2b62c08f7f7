namespace Torii.Connectors.Monitoring;

public sealed record CounterSnapshot(long Received, long Applied, long Failed, long DeadLettered, long Retried);
