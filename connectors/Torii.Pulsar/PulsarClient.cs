namespace Torii.Pulsar;

/// <summary>
/// A client of Apache Pulsar's binary protocol. Consumers and producers created from it share
/// one connection per broker. Safe for concurrent use; one instance per process is enough.
/// </summary>
public sealed class PulsarClient : IAsyncDisposable
{
    private readonly ClientRuntime _runtime;
    private readonly Lock _gate = new();
    private readonly HashSet<IAsyncDisposable> _open = [];
    private bool _disposed;

    public PulsarClient(PulsarClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _runtime = new ClientRuntime(options);
    }

    public PulsarClientOptions Options => _runtime.Options;

    /// <summary>
    /// Looks the topic up, subscribes and asks for the first messages. Transient failures (broker
    /// unreachable, topic moving) are retried with backoff within the operation timeout.
    /// </summary>
    /// <exception cref="PulsarServerException">The broker refused the subscription (for instance ConsumerBusy, AuthorizationError).</exception>
    /// <exception cref="TimeoutException">Not subscribed within the operation timeout; the inner exception is the last failure.</exception>
    /// <exception cref="NotSupportedException">The topic is partitioned.</exception>
    public async Task<PulsarConsumer> CreateConsumerAsync(ConsumerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var consumer = new PulsarConsumer(_runtime, options, Forget);
        Track(consumer);
        try
        {
            await consumer.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await consumer.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return consumer;
    }

    /// <summary>Looks the topic up and registers a producer; transient failures are retried within the operation timeout.</summary>
    /// <exception cref="PulsarServerException">The broker refused the producer (for instance ProducerBusy, AuthorizationError).</exception>
    /// <exception cref="TimeoutException">Not registered within the operation timeout; the inner exception is the last failure.</exception>
    public async Task<PulsarProducer> CreateProducerAsync(ProducerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var producer = new PulsarProducer(_runtime, options, Forget);
        Track(producer);
        try
        {
            await producer.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await producer.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return producer;
    }

    /// <summary>Disposes every consumer and producer still open, then closes the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        IAsyncDisposable[] open;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            open = [.. _open];
        }

        foreach (IAsyncDisposable endpoint in open)
        {
            await endpoint.DisposeAsync().ConfigureAwait(false);
        }

        await _runtime.Pool.DisposeAsync().ConfigureAwait(false);
    }

    private void Track(IAsyncDisposable endpoint)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _open.Add(endpoint);
        }
    }

    private void Forget(IAsyncDisposable endpoint)
    {
        lock (_gate)
        {
            _open.Remove(endpoint);
        }
    }
}
