using System.Threading.Channels;

namespace Torii.Connectors.Applying;

/// <summary>A broker subscription: messages in delivery order, and how to settle each one.</summary>
public interface IMessageSource
{
    /// <summary>Delivered messages in order; completes when the source stops for good.</summary>
    ChannelReader<SourceMessage> Messages { get; }

    /// <summary>
    /// Tells the broker these messages are done with. They follow one another in delivery order, and every
    /// message delivered before the first of them is already settled, so a broker's cumulative acknowledgement fits.
    /// </summary>
    ValueTask AcknowledgeAsync(IReadOnlyList<SourceMessage> messages, CancellationToken cancellationToken);

    /// <summary>Settles the message as unusable: to the dead-letter destination when one is configured, else dropped.</summary>
    ValueTask DeadLetterAsync(SourceMessage message, string reason, CancellationToken cancellationToken);
}
