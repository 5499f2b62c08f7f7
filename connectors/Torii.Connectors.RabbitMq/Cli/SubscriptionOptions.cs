using System.CommandLine;
using Torii.Connectors.RabbitMq.Broker;
using Torii.Connectors.Settings;

namespace Torii.Connectors.RabbitMq.Cli;

/// <summary>What the connector consumes; each flag overrides the key of the same name in the settings file.</summary>
internal sealed class SubscriptionOptions
{
    public static readonly IReadOnlyList<string> Keys = ["queue", "routing_key", "prefetch", "dead_letter_exchange"];

    public Option<string?> Queue { get; } = new("--queue")
    {
        Description = "This proxy's durable queue (key queue; default torii-HOSTNAME)",
    };

    public Option<string?> RoutingKey { get; } = new("--routing-key")
    {
        Description = "Binding pattern of the queue on the exchange (key routing_key; default #)",
        HelpName = "PATTERN",
    };

    public Option<int?> Prefetch { get; } = new("--prefetch")
    {
        Description = "Messages delivered ahead, and requests in flight to the proxy (key prefetch; default 256)",
        HelpName = "N",
    };

    public Option<string?> DeadLetterExchange { get; } = new("--dead-letter-exchange")
    {
        Description = "Direct exchange for messages that are not requests, with queue QUEUE.dead-letter (key dead_letter_exchange; default: such messages are dropped)",
        HelpName = "EXCHANGE",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Queue);
        command.Options.Add(RoutingKey);
        command.Options.Add(Prefetch);
        command.Options.Add(DeadLetterExchange);
    }

    /// <exception cref="SettingsException">A value is malformed.</exception>
    public SubscriptionSettings Read(ParseResult parseResult, SettingsFile file)
    {
        int prefetch = parseResult.GetValue(Prefetch) ?? file.Integer("prefetch", 1, ushort.MaxValue) ?? 256;
        if (prefetch is < 1 or > ushort.MaxValue)
        {
            throw new SettingsException($"--prefetch must be between 1 and {ushort.MaxValue}, not {prefetch}");
        }

        return new SubscriptionSettings
        {
            Queue = BrokerOptions.NonEmpty(parseResult.GetValue(Queue) ?? file.String("queue"), "queue") ?? SubscriptionSettings.DefaultQueue(),
            RoutingKey = parseResult.GetValue(RoutingKey) ?? file.String("routing_key") ?? "#",
            Prefetch = (ushort)prefetch,
            DeadLetterExchange = BrokerOptions.NonEmpty(parseResult.GetValue(DeadLetterExchange) ?? file.String("dead_letter_exchange"), "dead_letter_exchange"),
        };
    }
}
