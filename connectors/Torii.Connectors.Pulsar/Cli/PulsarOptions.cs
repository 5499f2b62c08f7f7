using System.CommandLine;
using Torii.Connectors.Pulsar.Broker;
using Torii.Connectors.Settings;
using Torii.Pulsar;

namespace Torii.Connectors.Pulsar.Cli;

/// <summary>Where the topic is and how to subscribe; each flag overrides the key of the same name in the settings file.</summary>
internal sealed class PulsarOptions
{
    public const string DefaultTopic = "persistent://public/default/torii";

    public static readonly IReadOnlyList<string> Keys =
        ["service_url", "topic", "subscription", "token", "dead_letter_topic", "receiver_queue_size", "initial_position"];

    public Option<string?> ServiceUrl { get; } = new("--service-url")
    {
        Description = $"pulsar://host:port of a broker or proxy (key service_url; default {PulsarSettings.DefaultServiceUrl})",
        HelpName = "URL",
        Recursive = true,
    };

    public Option<string?> Topic { get; } = new("--topic")
    {
        Description = $"The topic updates are published to (key topic; default {DefaultTopic})",
        Recursive = true,
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "JWT for the token auth method (key token; default none)",
        Recursive = true,
    };

    public Option<string?> Subscription { get; } = new("--subscription")
    {
        Description = "This proxy's own subscription (key subscription; default the host name)",
    };

    public Option<string?> DeadLetterTopic { get; } = new("--dead-letter-topic")
    {
        Description = "Topic for messages that are not requests (key dead_letter_topic; default: such messages are dropped)",
    };

    public Option<int?> ReceiverQueueSize { get; } = new("--receiver-queue-size")
    {
        Description = "Messages pushed ahead by the broker, and requests in flight to the proxy (key receiver_queue_size; default 256)",
        HelpName = "N",
    };

    public Option<string?> InitialPosition { get; } = new("--initial-position")
    {
        Description = "Where a new subscription starts: latest or earliest (key initial_position; default latest)",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(ServiceUrl);
        command.Options.Add(Topic);
        command.Options.Add(Token);
        command.Options.Add(Subscription);
        command.Options.Add(DeadLetterTopic);
        command.Options.Add(ReceiverQueueSize);
        command.Options.Add(InitialPosition);
    }

    /// <exception cref="SettingsException">A value is malformed.</exception>
    public PulsarSettings Read(ParseResult parseResult, SettingsFile file)
    {
        string serviceUrl = NonEmpty(parseResult.GetValue(ServiceUrl) ?? file.String("service_url"), "service_url") ?? PulsarSettings.DefaultServiceUrl;
        if (!serviceUrl.StartsWith("pulsar://", StringComparison.Ordinal))
        {
            throw new SettingsException($"service_url must be a pulsar:// URL, not \"{serviceUrl}\"");
        }

        int receiverQueueSize = parseResult.GetValue(ReceiverQueueSize) ?? file.Integer("receiver_queue_size", 1, 100_000) ?? 256;
        if (receiverQueueSize is < 1 or > 100_000)
        {
            throw new SettingsException($"--receiver-queue-size must be between 1 and 100000, not {receiverQueueSize}");
        }

        return new PulsarSettings
        {
            ServiceUrl = serviceUrl,
            Topic = NonEmpty(parseResult.GetValue(Topic) ?? file.String("topic"), "topic") ?? DefaultTopic,
            Subscription = NonEmpty(parseResult.GetValue(Subscription) ?? file.String("subscription"), "subscription") ?? PulsarSettings.DefaultSubscription(),
            Token = NonEmpty(parseResult.GetValue(Token) ?? file.String("token"), "token"),
            DeadLetterTopic = NonEmpty(parseResult.GetValue(DeadLetterTopic) ?? file.String("dead_letter_topic"), "dead_letter_topic"),
            ReceiverQueueSize = receiverQueueSize,
            InitialPosition = ParsePosition(parseResult.GetValue(InitialPosition) ?? file.String("initial_position") ?? "latest"),
        };
    }

    private static SubscriptionInitialPosition ParsePosition(string text) => text.ToLowerInvariant() switch
    {
        "latest" => SubscriptionInitialPosition.Latest,
        "earliest" => SubscriptionInitialPosition.Earliest,
        _ => throw new SettingsException($"initial_position must be latest or earliest, not \"{text}\""),
    };

    private static string? NonEmpty(string? value, string key) =>
        value is { Length: 0 } ? throw new SettingsException($"{key} must not be empty") : value;
}
