namespace Torii.Connectors.RabbitMq.Broker;

/// <summary>How to reach RabbitMQ and which exchange carries the updates. Unset parts come from the URL, then from defaults.</summary>
public sealed record BrokerSettings
{
    public const string DefaultExchange = "torii";

    /// <summary>amqp://user:password@host:port/vhost (amqps:// for TLS).</summary>
    public Uri? Url { get; init; }

    public string? Host { get; init; }

    public int? Port { get; init; }

    public string? User { get; init; }

    public string? Password { get; init; }

    public string? VirtualHost { get; init; }

    /// <summary>The topic exchange the platform publishes to.</summary>
    public string Exchange { get; init; } = DefaultExchange;

    /// <summary>Pause between reconnection attempts after the broker went away.</summary>
    public TimeSpan RecoveryInterval { get; init; } = TimeSpan.FromSeconds(1);
}
