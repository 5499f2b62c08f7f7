using Torii.Pulsar.Proto;

namespace Torii.Pulsar.Testing;

/// <summary>Builds the commands a broker sends.</summary>
internal static class BrokerCommands
{
    /// <summary>The request id Pulsar's broker puts in commands it starts itself, such as CLOSE_CONSUMER.</summary>
    public const ulong BrokerInitiatedRequestId = ulong.MaxValue;

    public static BaseCommand Connected(string serverVersion, int protocolVersion, int maxMessageSize) => new()
    {
        Type = BaseCommand.Types.Type.Connected,
        Connected = new CommandConnected { ServerVersion = serverVersion, ProtocolVersion = protocolVersion, MaxMessageSize = maxMessageSize },
    };

    public static BaseCommand Error(ulong requestId, ServerError error, string message) => new()
    {
        Type = BaseCommand.Types.Type.Error,
        Error = new CommandError { RequestId = requestId, Error = error, Message = message },
    };

    public static BaseCommand Success(ulong requestId) => new()
    {
        Type = BaseCommand.Types.Type.Success,
        Success = new CommandSuccess { RequestId = requestId },
    };

    public static BaseCommand PartitionedMetadata(ulong requestId, uint partitions) => new()
    {
        Type = BaseCommand.Types.Type.PartitionedMetadataResponse,
        PartitionMetadataResponse = new CommandPartitionedTopicMetadataResponse
        {
            RequestId = requestId,
            Partitions = partitions,
            Response = CommandPartitionedTopicMetadataResponse.Types.LookupType.Success,
        },
    };

    public static BaseCommand LookupConnect(ulong requestId, string brokerUrl, bool authoritative) =>
        Lookup(requestId, brokerUrl, CommandLookupTopicResponse.Types.LookupType.Connect, authoritative);

    public static BaseCommand LookupRedirect(ulong requestId, string brokerUrl) =>
        Lookup(requestId, brokerUrl, CommandLookupTopicResponse.Types.LookupType.Redirect, authoritative: true);

    public static BaseCommand ProducerSuccess(ulong requestId, string producerName) => new()
    {
        Type = BaseCommand.Types.Type.ProducerSuccess,
        ProducerSuccess = new CommandProducerSuccess { RequestId = requestId, ProducerName = producerName, LastSequenceId = -1 },
    };

    public static BaseCommand SendReceipt(ulong producerId, ulong sequenceId, MessageId messageId) => new()
    {
        Type = BaseCommand.Types.Type.SendReceipt,
        SendReceipt = new CommandSendReceipt { ProducerId = producerId, SequenceId = sequenceId, MessageId = messageId.ToProto() },
    };

    public static BaseCommand SendError(ulong producerId, ulong sequenceId, ServerError error, string message) => new()
    {
        Type = BaseCommand.Types.Type.SendError,
        SendError = new CommandSendError { ProducerId = producerId, SequenceId = sequenceId, Error = error, Message = message },
    };

    public static BaseCommand Message(ulong consumerId, MessageId messageId, uint redeliveryCount)
    {
        var message = new CommandMessage { ConsumerId = consumerId, MessageId = messageId.ToProto() };
        if (redeliveryCount > 0)
        {
            message.RedeliveryCount = redeliveryCount;
        }

        return new BaseCommand { Type = BaseCommand.Types.Type.Message, Message = message };
    }

    public static BaseCommand CloseConsumer(ulong consumerId) => new()
    {
        Type = BaseCommand.Types.Type.CloseConsumer,
        CloseConsumer = new CommandCloseConsumer { ConsumerId = consumerId, RequestId = BrokerInitiatedRequestId },
    };

    public static BaseCommand CloseProducer(ulong producerId) => new()
    {
        Type = BaseCommand.Types.Type.CloseProducer,
        CloseProducer = new CommandCloseProducer { ProducerId = producerId, RequestId = BrokerInitiatedRequestId },
    };

    public static BaseCommand Ping() => new() { Type = BaseCommand.Types.Type.Ping, Ping = new CommandPing() };

    public static BaseCommand Pong() => new() { Type = BaseCommand.Types.Type.Pong, Pong = new CommandPong() };

    private static BaseCommand Lookup(ulong requestId, string brokerUrl, CommandLookupTopicResponse.Types.LookupType type, bool authoritative) => new()
    {
        Type = BaseCommand.Types.Type.LookupResponse,
        LookupTopicResponse = new CommandLookupTopicResponse
        {
            RequestId = requestId,
            BrokerServiceUrl = brokerUrl,
            Response = type,
            Authoritative = authoritative,
        },
    };
}
