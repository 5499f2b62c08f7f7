using Torii.Connectors.Logging;
using Torii.Connectors.Monitoring;

namespace Torii.Connectors.Applying;

/// <summary>
/// Settles messages with their source in delivery order. Acknowledgements are gathered and sent together on
/// <see cref="FlushAsync"/>; a dead letter first sends those gathered before it, so the broker sees the order the loop decided.
/// A failure to settle is logged, never thrown: the broker delivers the message again.
/// </summary>
internal sealed class MessageSettler(IMessageSource source, ConnectorCounters counters, ConnectorLog log)
{
    private readonly List<SourceMessage> _toAcknowledge = [];

    public void Acknowledge(SourceMessage message)
    {
        if (message.IsStale)
        {
            log.Debug($"message {message.Id} not acknowledged: its broker connection closed, the broker delivers it again");
            return;
        }

        _toAcknowledge.Add(message);
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_toAcknowledge.Count == 0)
        {
            return;
        }

        try
        {
            await source.AcknowledgeAsync(_toAcknowledge, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            log.Warn($"could not acknowledge {_toAcknowledge.Count} messages up to {_toAcknowledge[^1].Id}, the broker will deliver them again: {exception.Message}");
        }
        finally
        {
            _toAcknowledge.Clear();
        }
    }

    public async Task DeadLetterAsync(SourceMessage message, string reason, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await source.DeadLetterAsync(message, reason, cancellationToken).ConfigureAwait(false);
            counters.CountDeadLettered();
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            log.Warn($"could not dead-letter message {message.Id}, the broker will deliver it again: {exception.Message}");
        }
    }
}
