using Torii.Pulsar.Wire;

namespace Torii.Pulsar;

/// <summary>
/// One subscription of a consumer on one connection, from SUBSCRIBE until the connection closes or
/// the broker closes the consumer. A consumer that reconnects gets a new session with a new epoch.
/// </summary>
internal sealed class ConsumerSession(PulsarConnection connection, int epoch, Action<ConsumerSession, PulsarFrame> onMessage) : IConsumerHandler
{
    private readonly TaskCompletionSource<Exception> _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PulsarConnection Connection { get; } = connection;

    public int Epoch { get; } = epoch;

    /// <summary>Completes, with the reason, when this session can no longer receive.</summary>
    public Task<Exception> Lost => _lost.Task;

    public bool IsLost => _lost.Task.IsCompleted;

    public bool ClosedByBroker { get; private set; }

    public void MarkLost(Exception reason) => _lost.TrySetResult(reason);

    void IConsumerHandler.OnMessage(PulsarFrame frame)
    {
        if (!IsLost)
        {
            onMessage(this, frame);
        }
    }

    void IConsumerHandler.OnClosedByBroker()
    {
        ClosedByBroker = true;
        MarkLost(new PulsarConnectionException($"{Connection.Target} closed the consumer (CLOSE_CONSUMER)"));
    }

    void IConsumerHandler.OnConnectionClosed(Exception reason) => MarkLost(reason);
}
