using Google.Protobuf;
using Torii.Pulsar.Proto;

namespace Torii.Pulsar.Wire;

/// <summary>Builds the commands a client sends.</summary>
internal static class ClientCommands
{
    /// <summary>
    /// Protocol 12 covers everything this client uses (binary lookup, checksums, batches) without
    /// asking the broker for later features (auth refresh, ack receipts) it would then expect us to honour.
    /// </summary>
    public const int ProtocolVersion = 12;

    public static BaseCommand Connect(string clientVersion, string? authToken, string? proxyToBrokerUrl)
    {
        var connect = new CommandConnect { ClientVersion = clientVersion, ProtocolVersion = ProtocolVersion };
        if (authToken is not null)
        {
            connect.AuthMethodName = "token";
            connect.AuthData = ByteString.CopyFromUtf8(authToken);
        }

        if (proxyToBrokerUrl is not null)
        {
            connect.ProxyToBrokerUrl = proxyToBrokerUrl;
        }

        return new BaseCommand { Type = BaseCommand.Types.Type.Connect, Connect = connect };
    }

    public static BaseCommand PartitionedMetadata(string topic, ulong requestId) => new()
    {
        Type = BaseCommand.Types.Type.PartitionedMetadata,
        PartitionMetadata = new CommandPartitionedTopicMetadata { Topic = topic, RequestId = requestId },
    };

    public static BaseCommand Lookup(string topic, ulong requestId, bool authoritative) => new()
    {
        Type = BaseCommand.Types.Type.Lookup,
        LookupTopic = new CommandLookupTopic { Topic = topic, RequestId = requestId, Authoritative = authoritative },
    };

    public static BaseCommand Subscribe(string topic, ConsumerOptions options, ulong consumerId, ulong requestId)
    {
        var subscribe = new CommandSubscribe
        {
            Topic = topic,
            Subscription = options.SubscriptionName,
            SubType = options.SubscriptionType switch
            {
                SubscriptionType.Shared => CommandSubscribe.Types.SubType.Shared,
                SubscriptionType.Failover => CommandSubscribe.Types.SubType.Failover,
                _ => CommandSubscribe.Types.SubType.Exclusive,
            },
            ConsumerId = consumerId,
            RequestId = requestId,
            InitialPosition = options.InitialPosition == SubscriptionInitialPosition.Earliest
                ? CommandSubscribe.Types.InitialPosition.Earliest
                : CommandSubscribe.Types.InitialPosition.Latest,
        };
        if (options.ConsumerName is not null)
        {
            subscribe.ConsumerName = options.ConsumerName;
        }

        return new BaseCommand { Type = BaseCommand.Types.Type.Subscribe, Subscribe = subscribe };
    }

    public static BaseCommand Flow(ulong consumerId, uint permits) => new()
    {
        Type = BaseCommand.Types.Type.Flow,
        Flow = new CommandFlow { ConsumerId = consumerId, MessagePermits = permits },
    };

    public static BaseCommand Ack(ulong consumerId, MessageIdData messageId, CommandAck.Types.ValidationError? validationError = null)
    {
        var ack = new CommandAck { ConsumerId = consumerId, AckType = CommandAck.Types.AckType.Individual, MessageId = { messageId } };
        if (validationError is { } error)
        {
            ack.ValidationError = error;
        }

        return new BaseCommand { Type = BaseCommand.Types.Type.Ack, Ack = ack };
    }

    public static BaseCommand CloseConsumer(ulong consumerId, ulong requestId) => new()
    {
        Type = BaseCommand.Types.Type.CloseConsumer,
        CloseConsumer = new CommandCloseConsumer { ConsumerId = consumerId, RequestId = requestId },
    };

    public static BaseCommand Producer(string topic, ulong producerId, ulong requestId, string? producerName)
    {
        var producer = new CommandProducer { Topic = topic, ProducerId = producerId, RequestId = requestId };
        if (producerName is not null)
        {
            producer.ProducerName = producerName;
        }

        return new BaseCommand { Type = BaseCommand.Types.Type.Producer, Producer = producer };
    }

    public static BaseCommand Send(ulong producerId, ulong sequenceId) => new()
    {
        Type = BaseCommand.Types.Type.Send,
        Send = new CommandSend { ProducerId = producerId, SequenceId = sequenceId },
    };

    public static BaseCommand CloseProducer(ulong producerId, ulong requestId) => new()
    {
        Type = BaseCommand.Types.Type.CloseProducer,
        CloseProducer = new CommandCloseProducer { ProducerId = producerId, RequestId = requestId },
    };

    public static BaseCommand Ping() => new() { Type = BaseCommand.Types.Type.Ping, Ping = new CommandPing() };

    public static BaseCommand Pong() => new() { Type = BaseCommand.Types.Type.Pong, Pong = new CommandPong() };
}
