using System.CommandLine;
using System.Diagnostics;
using RabbitMQ.Client.Exceptions;
using Torii.Connectors.Benchmarking;
using Torii.Connectors.Hosting;
using Torii.Connectors.Monitoring;
using Torii.Connectors.RabbitMq.Broker;
using Torii.Connectors.RabbitMq.Publishing;
using Torii.Connectors.Settings;

namespace Torii.Connectors.RabbitMq.Cli;

/// <summary>
/// `torii-rabbitmq bench`: publishes N updates to the exchange as fast as the broker confirms them and measures,
/// through a running connector's /counters, how long until the proxy has answered them all.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(CommonOptions common, BrokerOptions broker)
    {
        var count = new Option<int>("--count") { Description = "Requests to publish", DefaultValueFactory = _ => 20_000 };
        var counters = new Option<string>("--counters-url")
        {
            Description = "The running connector's counters",
            DefaultValueFactory = _ => $"http://{RabbitMqCommandLine.DefaultHealthzAddress}/counters",
        };
        var cluster = new Option<string>("--cluster") { Description = "Cluster the backends are added to and removed from", DefaultValueFactory = _ => "bench" };
        var routingKey = new Option<string>("--routing-key") { Description = "Routing key of the published messages", DefaultValueFactory = _ => "torii" };
        var inFlightOption = new Option<int>("--in-flight") { Description = "Most publishes awaiting their confirms at once", DefaultValueFactory = _ => 1000 };
        var timeout = new Option<int>("--timeout-s") { Description = "Give up after this many seconds", DefaultValueFactory = _ => 300 };
        var command = new Command("bench", "Measure updates applied per second from RabbitMQ into the proxy, through a running connector");
        command.Options.Add(count);
        command.Options.Add(counters);
        command.Options.Add(cluster);
        command.Options.Add(routingKey);
        command.Options.Add(inFlightOption);
        command.Options.Add(timeout);
        command.SetAction((parseResult, cancellationToken) => VerbRunner.RunAsync(RabbitMqCommandLine.Program, async () =>
        {
            BrokerSettings brokerSettings = broker.Read(parseResult, RabbitMqCommandLine.BrokerFile(parseResult, common));
            int total = Positive(parseResult.GetValue(count), "--count");
            int inFlight = Positive(parseResult.GetValue(inFlightOption), "--in-flight");

            // Encoded before the clock starts: a platform publishes requests it already holds.
            ReadOnlyMemory<byte>[] bodies = [.. BenchmarkRequests.Create(parseResult.GetValue(cluster)!, total).Select(PipelinedPublisher.Body)];
            using var watcher = new CountersWatcher(new Uri(parseResult.GetValue(counters)!));
            try
            {
                await using PipelinedPublisher publisher = await PipelinedPublisher.ConnectAsync(brokerSettings, cancellationToken).ConfigureAwait(false);
                using Process self = Process.GetCurrentProcess();
                TimeSpan cpuBefore = self.TotalProcessorTime;
                BenchmarkReport report = await RunAsync(
                    publisher, watcher, bodies, parseResult.GetValue(routingKey)!, inFlight, TimeSpan.FromSeconds(parseResult.GetValue(timeout)), cancellationToken)
                    .ConfigureAwait(false);
                self.Refresh();
                Console.WriteLine(report);

                // On one machine the publisher takes CPU from the broker, the connector and the proxy: say how much.
                Console.WriteLine(string.Create(
                    System.Globalization.CultureInfo.InvariantCulture,
                    $"publisher CPU during the run: {(self.TotalProcessorTime - cpuBefore).TotalMicroseconds / bodies.Length:0} µs per update"));
                return report.Failed == 0 ? ExitCodes.Success : ExitCodes.Failed;
            }
            catch (Exception exception) when (exception is BrokerUnreachableException or OperationInterruptedException or HttpRequestException or TimeoutException or InvalidOperationException or InvalidDataException)
            {
                await Console.Error.WriteLineAsync($"{RabbitMqCommandLine.Program} bench: {PublishCommand.Explain(exception)}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync($"{RabbitMqCommandLine.Program} bench: {parseResult.GetValue(counters)} did not answer in time").ConfigureAwait(false);
                return ExitCodes.Failed;
            }
        }));
        return command;
    }

    private static async Task<BenchmarkReport> RunAsync(
        PipelinedPublisher publisher,
        CountersWatcher watcher,
        ReadOnlyMemory<byte>[] bodies,
        string routingKey,
        int inFlight,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        CounterSnapshot before = await watcher.ReadAsync(cancellationToken).ConfigureAwait(false);
        long settledBefore = before.Applied + before.Failed;
        long started = Stopwatch.GetTimestamp();
        foreach (ReadOnlyMemory<byte> body in bodies)
        {
            await publisher.PublishAsync(body, routingKey, inFlight, cancellationToken).ConfigureAwait(false);
        }

        await publisher.WaitForConfirmsAsync(cancellationToken).ConfigureAwait(false);
        TimeSpan published = Stopwatch.GetElapsedTime(started);
        CounterSnapshot after = await watcher.WaitUntilAsync(
            counters => counters.Applied + counters.Failed - settledBefore >= bodies.Length, timeout, cancellationToken).ConfigureAwait(false);
        TimeSpan settled = Stopwatch.GetElapsedTime(started);
        return new BenchmarkReport(bodies.Length, published, settled, after.Applied - before.Applied, after.Failed - before.Failed);
    }

    private static int Positive(int value, string flag) =>
        value > 0 ? value : throw new SettingsException($"{flag} must be positive, not {value}");
}
