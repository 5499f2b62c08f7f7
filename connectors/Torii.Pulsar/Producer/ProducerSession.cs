using System.Collections.Concurrent;
using Torii.Pulsar.Proto;

namespace Torii.Pulsar;

/// <summary>
/// One registration of a producer on one connection, from PRODUCER_SUCCESS until the connection
/// closes or the broker closes the producer. Sends written on it wait here for their receipts.
/// </summary>
internal sealed class ProducerSession(PulsarConnection connection, Action<ProducerSession> onLost) : IProducerHandler
{
    private readonly ConcurrentDictionary<ulong, TaskCompletionSource<MessageId>> _sent = new();
    private readonly TaskCompletionSource<Exception> _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _losing;

    public PulsarConnection Connection { get; } = connection;

    /// <summary>The name the broker confirmed in PRODUCER_SUCCESS.</summary>
    public string ProducerName { get; set; } = string.Empty;

    /// <summary>Completes, with the reason, when nothing more can be sent on this session.</summary>
    public Task<Exception> Lost => _lost.Task;

    /// <remarks>True only after the producer was told (so it no longer hands this session out).</remarks>
    public bool IsLost => _lost.Task.IsCompleted;

    /// <summary>True from the moment the loss begins, before the producer is told.</summary>
    public bool IsLosing => Volatile.Read(ref _losing) != 0;

    public bool ClosedByBroker { get; private set; }

    /// <summary>Starts waiting for the receipt of <paramref name="sequenceId"/>; call before writing the SEND.</summary>
    public Task<MessageId> ExpectReceipt(ulong sequenceId)
    {
        var receipt = new TaskCompletionSource<MessageId>(TaskCreationOptions.RunContinuationsAsynchronously);
        _sent[sequenceId] = receipt;
        if (IsLost)
        {
            receipt.TrySetException(LostError(_lost.Task.Result));
        }

        return receipt.Task;
    }

    public void Forget(ulong sequenceId) => _sent.TryRemove(sequenceId, out _);

    public void MarkLost(Exception reason)
    {
        if (Interlocked.Exchange(ref _losing, 1) != 0)
        {
            return;
        }

        onLost(this);
        _lost.TrySetResult(reason);
        PulsarConnectionException error = LostError(reason);
        foreach (ulong sequenceId in _sent.Keys)
        {
            if (_sent.TryRemove(sequenceId, out TaskCompletionSource<MessageId>? receipt))
            {
                receipt.TrySetException(error);
            }
        }
    }

    void IProducerHandler.OnSendReceipt(CommandSendReceipt receipt)
    {
        if (_sent.TryRemove(receipt.SequenceId, out TaskCompletionSource<MessageId>? waiting))
        {
            waiting.TrySetResult(receipt.MessageId is { } id ? MessageId.FromProto(id) : default);
        }
    }

    void IProducerHandler.OnSendError(CommandSendError error)
    {
        if (_sent.TryRemove(error.SequenceId, out TaskCompletionSource<MessageId>? waiting))
        {
            waiting.TrySetException(new PulsarServerException(error.Error, error.Message));
        }
    }

    void IProducerHandler.OnClosedByBroker()
    {
        ClosedByBroker = true;
        MarkLost(new PulsarConnectionException($"{Connection.Target} closed the producer (CLOSE_PRODUCER)"));
    }

    void IProducerHandler.OnConnectionClosed(Exception reason) => MarkLost(reason);

    private static PulsarConnectionException LostError(Exception reason) =>
        new($"no receipt before the producer lost its connection ({reason.Message}); the message may or may not be stored", reason);
}
