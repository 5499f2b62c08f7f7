namespace Torii.Connectors.Pulsar.Broker;

/// <summary>Message properties the connector reads and writes.</summary>
internal static class MessageProperties
{
    /// <summary>"application/json" marks the JSON form of Request; without it the payload is protobuf bytes.</summary>
    public const string ContentType = "content-type";

    /// <summary>On a dead letter: why it was dead-lettered.</summary>
    public const string DeadLetterReason = "torii-dead-letter-reason";

    /// <summary>On a dead letter: the id of the original message.</summary>
    public const string OriginalMessageId = "torii-original-message-id";

    /// <summary>On a dead letter: the topic of the original message.</summary>
    public const string OriginalTopic = "torii-original-topic";
}
