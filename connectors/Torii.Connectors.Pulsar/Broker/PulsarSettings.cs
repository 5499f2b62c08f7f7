using Torii.Pulsar;

namespace Torii.Connectors.Pulsar.Broker;

/// <summary>Where the updates are and how this proxy subscribes to them.</summary>
public sealed record PulsarSettings
{
    public const string DefaultServiceUrl = "pulsar://127.0.0.1:6650";

    public string ServiceUrl { get; init; } = DefaultServiceUrl;

    /// <summary><c>persistent://tenant/namespace/topic</c>, or a shorter form Pulsar completes.</summary>
    public required string Topic { get; init; }

    /// <summary>This proxy's own subscription, so that each proxy of a fleet gets every update.</summary>
    public required string Subscription { get; init; }

    /// <summary>A JWT sent with the auth method "token"; none when null.</summary>
    public string? Token { get; init; }

    /// <summary>Where messages that are not requests go (and refused ones, when configured); none drops them.</summary>
    public string? DeadLetterTopic { get; init; }

    /// <summary>Messages the broker pushes ahead, and requests in flight to the proxy.</summary>
    public int ReceiverQueueSize { get; init; } = 256;

    /// <summary>Where a subscription that does not exist yet starts.</summary>
    public SubscriptionInitialPosition InitialPosition { get; init; } = SubscriptionInitialPosition.Latest;

    public static string DefaultSubscription() => System.Net.Dns.GetHostName();
}
