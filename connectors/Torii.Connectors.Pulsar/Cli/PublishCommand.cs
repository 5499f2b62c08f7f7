using System.CommandLine;
using System.Text;
using Google.Protobuf;
using Torii.Connectors.Applying;
using Torii.Connectors.Hosting;
using Torii.Connectors.Pulsar.Broker;
using Torii.Connectors.Publishing;
using Torii.Connectors.Settings;
using Torii.Protocol;
using Torii.Pulsar;

namespace Torii.Connectors.Pulsar.Cli;

/// <summary>`torii-pulsar publish [FILE]`: sends JSON requests (a file or stdin) to the topic, for operators.</summary>
internal static class PublishCommand
{
    private static readonly Dictionary<string, string> JsonProperties = new(StringComparer.Ordinal)
    {
        [MessageProperties.ContentType] = RequestDecoder.JsonContentType,
    };

    public static Command Create(CommonOptions common, PulsarOptions pulsar)
    {
        var file = new Argument<string?>("FILE")
        {
            Description = "One JSON Request, or one per line; - or nothing for standard input",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var protobuf = new Option<bool>("--protobuf")
        {
            Description = "Send protobuf bytes, as Sōzu's tools do, instead of JSON with the property content-type: application/json",
        };
        var command = new Command("publish", "Send requests to the topic, one message each, waiting until the broker stored each");
        command.Arguments.Add(file);
        command.Options.Add(protobuf);
        command.SetAction((parseResult, cancellationToken) => VerbRunner.RunAsync(PulsarCommandLine.Program, async () =>
        {
            PulsarSettings settings = pulsar.Read(parseResult, PulsarCommandLine.SettingsFileOf(parseResult, common));
            IReadOnlyList<Request> requests = await RequestInput.ReadAsync(parseResult.GetValue(file), cancellationToken).ConfigureAwait(false);
            bool asJson = !parseResult.GetValue(protobuf);
            try
            {
                await using var client = new PulsarClient(new PulsarClientOptions { ServiceUrl = settings.ServiceUrl, AuthToken = settings.Token });
                await using PulsarProducer producer = await client.CreateProducerAsync(new ProducerOptions { Topic = settings.Topic }, cancellationToken).ConfigureAwait(false);
                foreach (Request request in requests)
                {
                    byte[] payload = asJson ? Encoding.UTF8.GetBytes(ProtocolJson.Format(request)) : request.ToByteArray();
                    MessageId stored = await producer.SendAsync(payload, asJson ? JsonProperties : null, cancellationToken).ConfigureAwait(false);
                    Console.WriteLine($"published {RequestNames.Of(request)} to {producer.Topic} as {stored}");
                }

                return ExitCodes.Success;
            }
            catch (Exception exception) when (exception is PulsarException or TimeoutException or NotSupportedException)
            {
                await Console.Error.WriteLineAsync($"{PulsarCommandLine.Program} publish: {exception.Message}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }
        }));
        return command;
    }
}
