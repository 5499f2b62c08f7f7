using System.CommandLine;
using RabbitMQ.Client.Exceptions;
using Torii.Connectors.Hosting;
using Torii.Connectors.Publishing;
using Torii.Connectors.RabbitMq.Broker;
using Torii.Connectors.RabbitMq.Publishing;
using Torii.Connectors.Settings;
using Torii.Protocol;

namespace Torii.Connectors.RabbitMq.Cli;

/// <summary>`torii-rabbitmq publish [FILE]`: publishes JSON requests (a file or stdin) to the exchange, for operators.</summary>
internal static class PublishCommand
{
    public static Command Create(CommonOptions common, BrokerOptions broker)
    {
        var file = new Argument<string?>("FILE")
        {
            Description = "One JSON Request, or one per line; - or nothing for standard input",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var routingKey = new Option<string>("--routing-key")
        {
            Description = "Routing key of the published messages",
            DefaultValueFactory = _ => "torii",
        };
        var protobuf = new Option<bool>("--protobuf")
        {
            Description = "Publish protobuf bytes (as Sōzu's tools do) instead of JSON with content type application/json",
        };
        var command = new Command("publish", "Publish requests to the exchange, each as one persistent message, waiting for the broker's confirms");
        command.Arguments.Add(file);
        command.Options.Add(routingKey);
        command.Options.Add(protobuf);
        command.SetAction((parseResult, cancellationToken) => VerbRunner.RunAsync(RabbitMqCommandLine.Program, async () =>
        {
            SettingsFile settings = RabbitMqCommandLine.BrokerFile(parseResult, common);
            BrokerSettings brokerSettings = broker.Read(parseResult, settings);
            IReadOnlyList<Request> requests = await RequestInput.ReadAsync(parseResult.GetValue(file), cancellationToken).ConfigureAwait(false);
            string key = parseResult.GetValue(routingKey)!;
            bool asJson = !parseResult.GetValue(protobuf);
            try
            {
                await using RequestPublisher publisher = await RequestPublisher.ConnectAsync(brokerSettings, cancellationToken).ConfigureAwait(false);
                foreach (Request request in requests)
                {
                    await publisher.PublishAsync(request, key, asJson, cancellationToken).ConfigureAwait(false);
                    Console.WriteLine($"published {RequestNames.Of(request)} to exchange {brokerSettings.Exchange} with routing key {key}");
                }

                return ExitCodes.Success;
            }
            catch (Exception exception) when (exception is BrokerUnreachableException or PublishException or OperationInterruptedException)
            {
                await Console.Error.WriteLineAsync($"{RabbitMqCommandLine.Program} publish: {Explain(exception)}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }
        }));
        return command;
    }

    internal static string Explain(Exception exception) => exception switch
    {
        PublishException { IsReturn: true } => "the broker routed the message to no queue: no connector queue is bound to the exchange for this routing key yet",
        PublishException => "the broker refused the message",
        BrokerUnreachableException unreachable => $"cannot connect to the broker: {unreachable.InnerException?.Message ?? unreachable.Message}",
        _ => exception.Message,
    };
}
