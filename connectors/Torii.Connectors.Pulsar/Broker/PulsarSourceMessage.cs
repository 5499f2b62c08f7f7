using Torii.Connectors.Applying;
using Torii.Pulsar;

namespace Torii.Connectors.Pulsar.Broker;

/// <summary>A Pulsar message in the apply loop.</summary>
/// <remarks>
/// Never stale: after a reconnect the library drops what it had not handed out, and the broker redelivers
/// every message not acknowledged. One the loop already holds is applied and its ack dropped, so it is applied
/// again when redelivered; guessing staleness from connection events could instead skip a message that is
/// not redelivered.
/// </remarks>
internal sealed class PulsarSourceMessage(PulsarMessage message)
    : SourceMessage(message.MessageId.ToString(), message.Payload, ContentTypeOf(message), message.RedeliveryCount > 0)
{
    public PulsarMessage Message { get; } = message;

    private static string? ContentTypeOf(PulsarMessage message) =>
        message.Properties.TryGetValue(MessageProperties.ContentType, out string? contentType) ? contentType : null;
}
