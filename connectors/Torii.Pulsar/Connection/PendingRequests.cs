using System.Collections.Concurrent;
using Torii.Pulsar.Proto;

namespace Torii.Pulsar;

/// <summary>Requests sent on one connection and waiting for the answer that carries their request id.</summary>
internal sealed class PendingRequests
{
    private readonly ConcurrentDictionary<ulong, TaskCompletionSource<BaseCommand>> _waiting = new();
    private long _lastId;

    public (ulong Id, Task<BaseCommand> Answer) Add()
    {
        ulong id = (ulong)Interlocked.Increment(ref _lastId);
        var answer = new TaskCompletionSource<BaseCommand>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[id] = answer;
        return (id, answer.Task);
    }

    public void Remove(ulong id) => _waiting.TryRemove(id, out _);

    /// <summary>
    /// Hands an answer (SUCCESS, ERROR, PRODUCER_SUCCESS, LOOKUP_RESPONSE, PARTITIONED_METADATA_RESPONSE)
    /// to the request with its request id; ERROR fails the request with <see cref="PulsarServerException"/>.
    /// </summary>
    /// <returns>False when <paramref name="command"/> is not an answer to a request.</returns>
    /// <exception cref="PulsarProtocolException">An answer without its body.</exception>
    public bool TryAnswer(BaseCommand command)
    {
        switch (command.Type)
        {
            case BaseCommand.Types.Type.Success:
                Complete((command.Success ?? throw MissingBody(command)).RequestId, command);
                return true;
            case BaseCommand.Types.Type.ProducerSuccess:
                Complete((command.ProducerSuccess ?? throw MissingBody(command)).RequestId, command);
                return true;
            case BaseCommand.Types.Type.LookupResponse:
                Complete((command.LookupTopicResponse ?? throw MissingBody(command)).RequestId, command);
                return true;
            case BaseCommand.Types.Type.PartitionedMetadataResponse:
                Complete((command.PartitionMetadataResponse ?? throw MissingBody(command)).RequestId, command);
                return true;
            case BaseCommand.Types.Type.Error:
                CommandError error = command.Error ?? throw MissingBody(command);
                Fail(error.RequestId, new PulsarServerException(error.Error, error.Message));
                return true;
            default:
                return false;
        }
    }

    /// <returns>False when nothing waits for <paramref name="id"/> (a late answer after a timeout).</returns>
    public bool Complete(ulong id, BaseCommand answer) =>
        _waiting.TryRemove(id, out TaskCompletionSource<BaseCommand>? waiting) && waiting.TrySetResult(answer);

    public bool Fail(ulong id, Exception error) =>
        _waiting.TryRemove(id, out TaskCompletionSource<BaseCommand>? waiting) && waiting.TrySetException(error);

    private static PulsarProtocolException MissingBody(BaseCommand command) => new($"{command.Type} frame without its {command.Type} body");

    public void FailAll(Exception error)
    {
        foreach (ulong id in _waiting.Keys)
        {
            Fail(id, error);
        }
    }
}
