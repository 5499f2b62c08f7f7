using System.CommandLine;
using System.Globalization;
using Torii.Cli.Output;
using Torii.Client;
using Torii.Protocol;

namespace Torii.Cli;

/// <summary>`torii events [--json] [--count N]`: prints the proxy's events as they happen, one line each.</summary>
internal static class EventsCommand
{
    public static Command Create(CommonOptions common)
    {
        var count = new Option<int?>("--count")
        {
            Description = "Exit after this many events (default: run until interrupted or the proxy closes the stream)",
            HelpName = "N",
        };
        var command = new Command("events", "Print every change and backend health transition as it happens (subscribe_events); --json: one JSON object per line")
        {
            count,
        };
        command.SetAction((parseResult, cancellationToken) =>
            new CommandRunner(common, parseResult).RunAsync(
                () => parseResult.GetValue(count) is { } limit and < 1
                    ? throw new CommandLineException($"--count must be at least 1, not {limit}")
                    : parseResult.GetValue(count),
                (limit, client, connectFailure) => PrintAsync(client, limit, parseResult, common, connectFailure, cancellationToken),
                cancellationToken));
        return command;
    }

    private static async Task<int> PrintAsync(
        ToriiClient client, int? limit, ParseResult parseResult, CommonOptions common, ConnectFailureWatch connectFailure, CancellationToken interrupted)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        var json = parseResult.GetValue(common.Json);
        await using var subscription = await client.OpenEventSubscriptionAsync(connectFailure.Token).ConfigureAwait(false);
        await error.WriteLineAsync($"subscribed to the events of {client.Options.SocketPath}").ConfigureAwait(false);
        await error.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        ulong? last = null;
        try
        {
            for (var printed = 0; limit is null || printed < limit; printed++)
            {
                var change = await subscription.NextAsync(interrupted).ConfigureAwait(false);
                if (last is { } previous && change.Sequence != previous + 1)
                {
                    await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"warning: {change.Sequence - previous - 1} events missed")).ConfigureAwait(false);
                }

                last = change.Sequence;
                await output.WriteLineAsync(json ? ProtocolJson.Format(change) : EventLine.Format(change)).ConfigureAwait(false);
                await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
        {
            // Ctrl+C: the stream was what the user asked for until now.
        }

        return ExitCodes.Ok;
    }
}
