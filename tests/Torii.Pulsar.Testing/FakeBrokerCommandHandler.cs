using System.Text;
using Torii.Pulsar.Proto;
using Torii.Pulsar.Wire;

namespace Torii.Pulsar.Testing;

/// <summary>The broker's answers to the commands of the subset Torii.Pulsar speaks. Runs under the state's lock.</summary>
internal sealed class FakeBrokerCommandHandler(FakePulsarBroker broker, FakeBrokerState state)
{
    /// <summary>The highest protocol version the fake broker speaks.</summary>
    private const int ProtocolVersion = 12;

    public void Handle(FakeBrokerConnection connection, PulsarFrame frame)
    {
        BaseCommand command = frame.Command;
        if (!connection.IsConnected && command.Type != BaseCommand.Types.Type.Connect)
        {
            connection.SendAndClose(BrokerCommands.Error(0, ServerError.NotAllowedError, $"{command.Type} before CONNECT"));
            return;
        }

        switch (command.Type)
        {
            case BaseCommand.Types.Type.Connect:
                Connect(connection, command.Connect);
                break;
            case BaseCommand.Types.Type.PartitionedMetadata:
                CommandPartitionedTopicMetadata metadata = command.PartitionMetadata;
                connection.Send(BrokerCommands.PartitionedMetadata(metadata.RequestId, state.Partitions.GetValueOrDefault(metadata.Topic)));
                break;
            case BaseCommand.Types.Type.Lookup:
                Lookup(connection, command.LookupTopic);
                break;
            case BaseCommand.Types.Type.Subscribe:
                Subscribe(connection, command.Subscribe);
                break;
            case BaseCommand.Types.Type.Flow:
                Flow(connection, command.Flow);
                break;
            case BaseCommand.Types.Type.Ack:
                Ack(connection, command.Ack);
                break;
            case BaseCommand.Types.Type.CloseConsumer:
                if (connection.Consumers.TryGetValue(command.CloseConsumer.ConsumerId, out FakeBrokerConsumer? consumer))
                {
                    state.Detach(consumer);
                }

                connection.Send(BrokerCommands.Success(command.CloseConsumer.RequestId));
                break;
            case BaseCommand.Types.Type.Producer:
                Producer(connection, command.Producer);
                break;
            case BaseCommand.Types.Type.Send:
                Send(connection, command.Send, frame);
                break;
            case BaseCommand.Types.Type.CloseProducer:
                connection.Producers.Remove(command.CloseProducer.ProducerId);
                connection.Send(BrokerCommands.Success(command.CloseProducer.RequestId));
                break;
            case BaseCommand.Types.Type.Ping:
                state.PingsReceived++;
                if (broker.AnswerPings)
                {
                    connection.Send(BrokerCommands.Pong());
                }

                break;
            case BaseCommand.Types.Type.Pong:
                state.PongsReceived++;
                break;
            default:
                // Outside the subset; a real broker would answer, but no client of this fake sends it.
                break;
        }
    }

    private void Connect(FakeBrokerConnection connection, CommandConnect connect)
    {
        string? authData = connect.HasAuthData ? Encoding.UTF8.GetString(connect.AuthData.Span) : null;
        state.Connects.Add(new FakeConnectRecord(
            connect.ClientVersion,
            connect.ProtocolVersion,
            connect.HasAuthMethodName ? connect.AuthMethodName : null,
            authData,
            connect.HasProxyToBrokerUrl ? connect.ProxyToBrokerUrl : null));

        string? requiredToken = broker.RequiredAuthToken;
        if (requiredToken is not null && (connect.AuthMethodName != "token" || authData != requiredToken))
        {
            connection.SendAndClose(BrokerCommands.Error(0, ServerError.AuthenticationError, "invalid or missing token"));
            return;
        }

        connection.IsConnected = true;
        connection.ProtocolVersion = connect.ProtocolVersion;
        connection.Send(BrokerCommands.Connected(broker.ServerVersion, Math.Min(connect.ProtocolVersion, ProtocolVersion), broker.MaxMessageSize));
    }

    private void Lookup(FakeBrokerConnection connection, CommandLookupTopic lookup)
    {
        state.Lookups++;
        string? redirect = broker.RedirectLookupsTo;
        connection.Send(redirect is null
            ? BrokerCommands.LookupConnect(lookup.RequestId, broker.ServiceUrl, lookup.Authoritative)
            : BrokerCommands.LookupRedirect(lookup.RequestId, redirect));
    }

    private void Subscribe(FakeBrokerConnection connection, CommandSubscribe subscribe)
    {
        if (NotOwned(connection, subscribe.RequestId, subscribe.Topic))
        {
            return;
        }

        FakeBrokerTopic topic = state.Topic(subscribe.Topic);
        if (!topic.Subscriptions.TryGetValue(subscribe.Subscription, out FakeBrokerSubscription? subscription))
        {
            long firstEntry = subscribe.InitialPosition == CommandSubscribe.Types.InitialPosition.Earliest ? 0 : topic.Entries.Count;
            subscription = new FakeBrokerSubscription(topic, subscribe.Subscription, firstEntry) { Type = subscribe.SubType };
            topic.Subscriptions[subscribe.Subscription] = subscription;
        }

        if (subscription.Consumers.Count > 0
            && (subscription.Type != subscribe.SubType || subscribe.SubType == CommandSubscribe.Types.SubType.Exclusive))
        {
            connection.Send(BrokerCommands.Error(subscribe.RequestId, ServerError.ConsumerBusy, $"subscription '{subscribe.Subscription}' is in use"));
            return;
        }

        if (connection.Consumers.ContainsKey(subscribe.ConsumerId))
        {
            connection.Send(BrokerCommands.Error(subscribe.RequestId, ServerError.ConsumerBusy, $"consumer {subscribe.ConsumerId} is already subscribed"));
            return;
        }

        subscription.Type = subscribe.SubType;
        var consumer = new FakeBrokerConsumer(connection, subscribe.ConsumerId, subscription);
        subscription.Consumers.Add(consumer);
        connection.Consumers[subscribe.ConsumerId] = consumer;
        state.Subscribes++;
        connection.Send(BrokerCommands.Success(subscribe.RequestId));
    }

    private static void Flow(FakeBrokerConnection connection, CommandFlow flow)
    {
        if (connection.Consumers.TryGetValue(flow.ConsumerId, out FakeBrokerConsumer? consumer))
        {
            consumer.Permits += flow.MessagePermits;
            consumer.Subscription.Dispatch();
        }
    }

    private static void Ack(FakeBrokerConnection connection, CommandAck ack)
    {
        if (!connection.Consumers.TryGetValue(ack.ConsumerId, out FakeBrokerConsumer? consumer))
        {
            return;
        }

        foreach (MessageIdData id in ack.MessageId)
        {
            consumer.Subscription.Acknowledge(id);
        }
    }

    private void Producer(FakeBrokerConnection connection, CommandProducer producer)
    {
        if (NotOwned(connection, producer.RequestId, producer.Topic))
        {
            return;
        }

        string name = producer.HasProducerName ? producer.ProducerName : state.NextProducerName();
        connection.Producers[producer.ProducerId] = new FakeBrokerProducer(producer.ProducerId, name, state.Topic(producer.Topic));
        state.ProducerRegistrations++;
        connection.Send(BrokerCommands.ProducerSuccess(producer.RequestId, name));
    }

    private void Send(FakeBrokerConnection connection, CommandSend send, PulsarFrame frame)
    {
        if (!connection.Producers.TryGetValue(send.ProducerId, out FakeBrokerProducer? producer))
        {
            connection.Send(BrokerCommands.SendError(send.ProducerId, send.SequenceId, ServerError.UnknownError, "no such producer"));
            return;
        }

        if (frame.Checksum == FrameChecksum.Mismatch || frame.Metadata is null)
        {
            connection.Send(BrokerCommands.SendError(send.ProducerId, send.SequenceId, ServerError.ChecksumError, "checksum mismatch"));
            return;
        }

        MessageId id = state.Append(producer.Topic, frame.Metadata, frame.Payload.ToArray());
        connection.Send(BrokerCommands.SendReceipt(send.ProducerId, send.SequenceId, id));
    }

    /// <summary>A broker that redirects lookups does not own topics: it refuses them as a real one would.</summary>
    private bool NotOwned(FakeBrokerConnection connection, ulong requestId, string topic)
    {
        if (broker.RedirectLookupsTo is null)
        {
            return false;
        }

        connection.Send(BrokerCommands.Error(requestId, ServerError.ServiceNotReady, $"{topic} is not served by this broker"));
        return true;
    }
}
