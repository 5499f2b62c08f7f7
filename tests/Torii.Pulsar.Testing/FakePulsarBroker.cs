using System.Net;
using System.Net.Sockets;
using Torii.Pulsar.Proto;
using Torii.Pulsar.Wire;

namespace Torii.Pulsar.Testing;

/// <summary>
/// A FAKE Pulsar broker for tests, on a loopback TCP port. It speaks the broker side of the
/// subset Torii.Pulsar uses: CONNECT (optionally requiring a token), PARTITIONED_METADATA,
/// LOOKUP (optionally redirecting to another broker), SUBSCRIBE, FLOW, MESSAGE (also batched
/// entries), ACK, PRODUCER, SEND, SEND_RECEIPT, CLOSE_CONSUMER, CLOSE_PRODUCER, PING and PONG.
/// </summary>
/// <remarks>
/// Topics live in memory as ordered entries in one ledger each; subscriptions are durable
/// cursors: what a consumer received but did not acknowledge is redelivered to the next consumer
/// when it goes away. State survives <see cref="StopAsync"/> and <see cref="StartAsync"/>, which
/// reopens the same port. Test hooks close consumers, drop connections, and let a test await
/// any condition on what the broker saw (<see cref="WaitUntilAsync"/>).
/// </remarks>
public sealed class FakePulsarBroker : IAsyncDisposable
{
    private readonly FakeBrokerState _state = new();
    private readonly FakeBrokerCommandHandler _handler;
    private readonly StateWaiters<FakePulsarBroker> _waiters = new();
    private readonly Lock _lifecycle = new();
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private volatile string? _requiredAuthToken;
    private volatile string? _redirectLookupsTo;
    private volatile bool _answerPings = true;

    public FakePulsarBroker()
    {
        _handler = new FakeBrokerCommandHandler(this, _state);
    }

    /// <summary>The loopback port; chosen by the first <see cref="StartAsync"/> and kept across restarts.</summary>
    public int Port { get; private set; }

    /// <summary><c>pulsar://127.0.0.1:PORT</c>, for <see cref="PulsarClientOptions.ServiceUrl"/>.</summary>
    public string ServiceUrl => $"pulsar://127.0.0.1:{Port}";

    public bool IsRunning => Volatile.Read(ref _listener) is not null;

    /// <summary>When set, CONNECT must carry auth method <c>token</c> with this token, or it gets ERROR AuthenticationError.</summary>
    public string? RequiredAuthToken
    {
        get => _requiredAuthToken;
        set => _requiredAuthToken = value;
    }

    /// <summary>
    /// When set, every LOOKUP is answered with a redirect to this broker URL (authoritative), and
    /// SUBSCRIBE and PRODUCER are refused with ServiceNotReady, as by a broker that does not own the topic.
    /// </summary>
    public string? RedirectLookupsTo
    {
        get => _redirectLookupsTo;
        set => _redirectLookupsTo = value;
    }

    /// <summary>False to leave the client's PINGs unanswered, as a hung broker would.</summary>
    public bool AnswerPings
    {
        get => _answerPings;
        set => _answerPings = value;
    }

    /// <summary>Announced in CONNECTED.</summary>
    public int MaxMessageSize { get; set; } = FrameFormat.DefaultMaxMessageSize;

    public string ServerVersion { get; set; } = "Torii FakePulsarBroker";

    /// <summary>CONNECT commands received, in order.</summary>
    public IReadOnlyList<FakeConnectRecord> Connects => Locked(() => _state.Connects.ToList());

    public int OpenConnections => Locked(() => _state.Connections.Count);

    /// <summary>LOOKUP requests answered.</summary>
    public int Lookups => Locked(() => _state.Lookups);

    /// <summary>SUBSCRIBE requests accepted, reconnections included.</summary>
    public int Subscribes => Locked(() => _state.Subscribes);

    /// <summary>PRODUCER requests accepted, reconnections included.</summary>
    public int ProducerRegistrations => Locked(() => _state.ProducerRegistrations);

    public int PingsReceived => Locked(() => _state.PingsReceived);

    public int PongsReceived => Locked(() => _state.PongsReceived);

    /// <summary>Starts a broker on a fresh loopback port.</summary>
    public static async Task<FakePulsarBroker> StartNewAsync(CancellationToken cancellationToken = default)
    {
        var broker = new FakePulsarBroker();
        await broker.StartAsync(cancellationToken).ConfigureAwait(false);
        return broker;
    }

    /// <summary>Listens again; on the port of the first start, or a fresh one the first time.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lifecycle)
        {
            if (_listener is not null)
            {
                return Task.CompletedTask;
            }

            var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

            // Restarting on the same port must not wait for the old socket's TIME_WAIT.
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, Port));
            listener.Listen(64);
            Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
            Volatile.Write(ref _listener, listener);
            _acceptLoop = Task.Run(() => AcceptLoopAsync(listener));
        }

        return Task.CompletedTask;
    }

    /// <summary>Stops listening and resets every connection; topics and subscriptions are kept.</summary>
    public async Task StopAsync()
    {
        Socket? listener;
        Task acceptLoop;
        lock (_lifecycle)
        {
            listener = _listener;
            acceptLoop = _acceptLoop;
            Volatile.Write(ref _listener, null);
        }

        if (listener is not null)
        {
            listener.Dispose();
            await acceptLoop.ConfigureAwait(false);
        }

        await DropConnectionsAsync().ConfigureAwait(false);
    }

    /// <summary>Resets every open connection at once (TCP RST), as a crash or a network cut would.</summary>
    public async Task DropConnectionsAsync()
    {
        FakeBrokerConnection[] connections = Locked(() => _state.Connections.ToArray());
        foreach (FakeBrokerConnection connection in connections)
        {
            connection.Abort();
        }

        await Task.WhenAll(connections.Select(connection => connection.Completion)).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends CLOSE_CONSUMER to every attached consumer and detaches it, as a broker unloading its
    /// topics does; completes once the commands are written. Unacknowledged messages wait for the next consumer.
    /// </summary>
    public async Task CloseConsumersAsync()
    {
        var written = new List<Task>();
        lock (_state.Gate)
        {
            foreach (FakeBrokerConsumer consumer in _state.Connections.SelectMany(connection => connection.Consumers.Values).ToList())
            {
                written.Add(consumer.Connection.SendAndWaitAsync(BrokerCommands.CloseConsumer(consumer.ConsumerId)));
                _state.Detach(consumer);
            }
        }

        Changed();
        await Task.WhenAll(written).ConfigureAwait(false);
    }

    /// <summary>Sends CLOSE_PRODUCER to every registered producer and forgets it; completes once the commands are written.</summary>
    public async Task CloseProducersAsync()
    {
        var written = new List<Task>();
        lock (_state.Gate)
        {
            foreach (FakeBrokerConnection connection in _state.Connections)
            {
                foreach (FakeBrokerProducer producer in connection.Producers.Values)
                {
                    written.Add(connection.SendAndWaitAsync(BrokerCommands.CloseProducer(producer.ProducerId)));
                }

                connection.Producers.Clear();
            }
        }

        Changed();
        await Task.WhenAll(written).ConfigureAwait(false);
    }

    /// <summary>Sends PING on every open connection and completes once as many PONGs more have arrived.</summary>
    public async Task PingClientsAsync(CancellationToken cancellationToken = default)
    {
        int target;
        lock (_state.Gate)
        {
            target = _state.PongsReceived + _state.Connections.Count(connection => connection.IsConnected);
            foreach (FakeBrokerConnection connection in _state.Connections.Where(connection => connection.IsConnected))
            {
                connection.Send(BrokerCommands.Ping());
            }
        }

        await WaitUntilAsync(broker => broker.PongsReceived >= target, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes <paramref name="topic"/> report <paramref name="partitions"/> partitions in PARTITIONED_METADATA.</summary>
    public void SetPartitions(string topic, uint partitions)
    {
        lock (_state.Gate)
        {
            _state.Partitions[TopicName.Normalize(topic)] = partitions;
        }
    }

    /// <summary>Stores one message as if a producer had sent it, and delivers it to waiting consumers.</summary>
    public MessageId Publish(string topic, ReadOnlyMemory<byte> payload, IReadOnlyDictionary<string, string>? properties = null)
    {
        MessageId id;
        lock (_state.Gate)
        {
            FakeBrokerTopic stored = _state.Topic(TopicName.Normalize(topic));
            MessageMetadata metadata = DirectMetadata(stored, properties);
            id = _state.Append(stored, metadata, payload.ToArray());
        }

        Changed();
        return id;
    }

    public MessageId Publish(string topic, string text, IReadOnlyDictionary<string, string>? properties = null) =>
        Publish(topic, System.Text.Encoding.UTF8.GetBytes(text), properties);

    /// <summary>
    /// Stores an entry with exactly the metadata and payload given, for entries a client cannot
    /// read (compressed with an unsupported codec, a broken batch) or odd metadata.
    /// </summary>
    public MessageId PublishRaw(string topic, MessageMetadata metadata, ReadOnlyMemory<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        MessageId id;
        lock (_state.Gate)
        {
            id = _state.Append(_state.Topic(TopicName.Normalize(topic)), metadata.Clone(), payload.ToArray());
        }

        Changed();
        return id;
    }

    /// <summary>Stores <paramref name="messages"/> as one batched entry, as a batching producer would send them.</summary>
    /// <returns>The id of the entry; its messages have batch indexes 0 to N-1.</returns>
    public MessageId PublishBatch(string topic, IReadOnlyList<FakeMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentOutOfRangeException.ThrowIfZero(messages.Count);
        MessageId id;
        lock (_state.Gate)
        {
            FakeBrokerTopic stored = _state.Topic(TopicName.Normalize(topic));
            MessageMetadata metadata = DirectMetadata(stored, properties: null);
            metadata.NumMessagesInBatch = messages.Count;
            byte[] payload = BatchPayload.Write(messages.Select(message => new BatchEntry(SingleMetadata(message), message.Payload)));
            id = _state.Append(stored, metadata, payload);
        }

        Changed();
        return id;
    }

    /// <summary>Every message stored in <paramref name="topic"/>, in order; batches unpacked.</summary>
    public IReadOnlyList<FakeStoredMessage> GetMessages(string topic)
    {
        lock (_state.Gate)
        {
            if (!_state.Topics.TryGetValue(TopicName.Normalize(topic), out FakeBrokerTopic? stored))
            {
                return [];
            }

            return [.. stored.Entries.SelectMany(entry => FakeStoredMessages.Of(stored, entry))];
        }
    }

    /// <summary>The ACKs received on a subscription, in order, as the client sent them.</summary>
    public IReadOnlyList<MessageId> GetAcknowledgements(string topic, string subscription) =>
        Locked(() => Subscription(topic, subscription)?.AcknowledgementLog.ToList() ?? []);

    /// <summary>Entries of the topic from the subscription's start that are not acknowledged yet.</summary>
    public int GetUnacknowledgedCount(string topic, string subscription) =>
        Locked(() => Subscription(topic, subscription)?.UnacknowledgedCount ?? 0);

    /// <summary>Consumers attached to a subscription right now.</summary>
    public int GetConsumerCount(string topic, string subscription) =>
        Locked(() => Subscription(topic, subscription)?.Consumers.Count ?? 0);

    /// <summary>FLOW permits the subscription's consumers have left, summed: how many more messages the broker may push.</summary>
    public long GetAvailablePermits(string topic, string subscription) =>
        Locked(() => Subscription(topic, subscription)?.Consumers.Sum(consumer => consumer.Permits) ?? 0);

    /// <summary>
    /// Completes once <paramref name="condition"/> holds; it is checked now and again after every
    /// command the broker handles and every test hook. Bound the wait with <paramref name="cancellationToken"/>.
    /// </summary>
    public Task WaitUntilAsync(Func<FakePulsarBroker, bool> condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return _waiters.WaitAsync(this, condition, cancellationToken);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync().ConfigureAwait(false);
            }
            catch (Exception error) when (error is SocketException or ObjectDisposedException)
            {
                return;
            }

            socket.NoDelay = true;
            var connection = new FakeBrokerConnection(socket, OnFrame, OnClosed);
            lock (_state.Gate)
            {
                _state.Connections.Add(connection);
            }

            connection.Start();
            Changed();
        }
    }

    private void OnFrame(FakeBrokerConnection connection, PulsarFrame frame)
    {
        lock (_state.Gate)
        {
            _handler.Handle(connection, frame);
        }

        Changed();
    }

    private void OnClosed(FakeBrokerConnection connection)
    {
        lock (_state.Gate)
        {
            _state.Forget(connection);
        }

        Changed();
    }

    private void Changed() => _waiters.Notify(this);

    private FakeBrokerSubscription? Subscription(string topic, string subscription) =>
        _state.Topics.TryGetValue(TopicName.Normalize(topic), out FakeBrokerTopic? stored)
            ? stored.Subscriptions.GetValueOrDefault(subscription)
            : null;

    private T Locked<T>(Func<T> read)
    {
        lock (_state.Gate)
        {
            return read();
        }
    }

    private static MessageMetadata DirectMetadata(FakeBrokerTopic topic, IReadOnlyDictionary<string, string>? properties)
    {
        var metadata = new MessageMetadata
        {
            ProducerName = "fake-broker",
            SequenceId = (ulong)topic.Entries.Count,
            PublishTime = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        };
        foreach ((string key, string value) in properties ?? new Dictionary<string, string>())
        {
            metadata.Properties.Add(new KeyValue { Key = key, Value = value });
        }

        return metadata;
    }

    private static SingleMessageMetadata SingleMetadata(FakeMessage message)
    {
        var metadata = new SingleMessageMetadata();
        foreach ((string key, string value) in message.Properties ?? new Dictionary<string, string>())
        {
            metadata.Properties.Add(new KeyValue { Key = key, Value = value });
        }

        return metadata;
    }
}
