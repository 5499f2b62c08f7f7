namespace Torii.Pulsar;

/// <summary>Something that happened inside the client, for logs and diagnostics.</summary>
/// <param name="Topic">The consumer's or producer's topic, when the event concerns one.</param>
/// <param name="Broker">The broker address, when the event concerns a connection.</param>
/// <param name="RetryDelay">For <see cref="PulsarClientEventKind.ReconnectScheduled"/>, the pause before the next attempt.</param>
public sealed record PulsarClientEvent(
    PulsarClientEventKind Kind,
    string Message,
    string? Topic = null,
    string? Broker = null,
    Exception? Error = null,
    TimeSpan RetryDelay = default);
