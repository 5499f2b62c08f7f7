namespace Torii.Connectors.RabbitMq.Broker;

/// <summary>This proxy's durable queue and what it receives.</summary>
public sealed record SubscriptionSettings
{
    /// <summary>The queue, one per proxy so that each proxy gets every update.</summary>
    public required string Queue { get; init; }

    /// <summary>The binding pattern on the exchange ("#": everything).</summary>
    public string RoutingKey { get; init; } = "#";

    /// <summary>Most messages delivered and not yet settled: the apply loop's window.</summary>
    public ushort Prefetch { get; init; } = 256;

    /// <summary>A direct exchange for messages that are not requests (and refused ones, when configured); none drops them.</summary>
    public string? DeadLetterExchange { get; init; }

    /// <summary>The queue bound to the dead-letter exchange for this proxy's dead letters.</summary>
    public string DeadLetterQueue => $"{Queue}.dead-letter";

    public static string DefaultQueue() => $"torii-{System.Net.Dns.GetHostName()}";
}
