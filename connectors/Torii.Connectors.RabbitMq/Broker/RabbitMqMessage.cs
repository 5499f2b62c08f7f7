using RabbitMQ.Client;
using Torii.Connectors.Applying;

namespace Torii.Connectors.RabbitMq.Broker;

/// <summary>A delivery: the channel it came on and its tag settle it; the source's generation tells whether that is still possible.</summary>
internal sealed class RabbitMqMessage : SourceMessage
{
    private readonly RabbitMqSource _source;

    public RabbitMqMessage(RabbitMqSource source, IChannel channel, int generation, ulong deliveryTag, string id, byte[] body, string? contentType, bool redelivered)
        : base(id, body, contentType, redelivered)
    {
        _source = source;
        Channel = channel;
        Generation = generation;
        DeliveryTag = deliveryTag;
    }

    public IChannel Channel { get; }

    public int Generation { get; }

    public ulong DeliveryTag { get; }

    public override bool IsStale => _source.Generation != Generation;
}
