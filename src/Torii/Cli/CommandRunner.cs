using System.CommandLine;
using Torii.Client;
using Torii.Protocol;

namespace Torii.Cli;

/// <summary>
/// What every client verb does: build its requests, find the socket, send the requests in
/// order on one connection, print each answer, and turn the outcome into an exit code.
/// </summary>
internal sealed class CommandRunner(CommonOptions common, ParseResult parseResult, int minimumTimeoutMilliseconds = 0)
{
    private readonly TextWriter _output = parseResult.InvocationConfiguration.Output;
    private readonly TextWriter _error = parseResult.InvocationConfiguration.Error;

    public Task<int> RunAsync(Func<ParseResult, IReadOnlyList<Request>> buildRequests, CancellationToken cancellationToken) =>
        RunAsync(
            () =>
            {
                var requests = buildRequests(parseResult);
                RefuseInvalid(requests);
                return requests;
            },
            (requests, client, watch) => SendAsync(requests, client, watch),
            cancellationToken);

    /// <summary>
    /// Runs <paramref name="useClient"/> with a client of the proxy's socket: the checks of the command
    /// line first (<paramref name="prepare"/> throws <see cref="CommandLineException"/>), and the same
    /// messages and exit codes as every verb when the proxy cannot be reached.
    /// </summary>
    public async Task<int> RunAsync<T>(
        Func<T> prepare, Func<T, ToriiClient, ConnectFailureWatch, Task<int>> useClient, CancellationToken cancellationToken)
    {
        T prepared;
        string socketPath;
        try
        {
            prepared = prepare();
            socketPath = SocketLocator.Locate(
                parseResult.GetValue(common.Socket),
                parseResult.GetValue(common.Config),
                Environment.CurrentDirectory);
        }
        catch (CommandLineException exception)
        {
            await _error.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        int timeoutMilliseconds = Math.Max(parseResult.GetValue(common.Timeout), minimumTimeoutMilliseconds);
        await using var connectFailure = new ConnectFailureWatch(cancellationToken);
        try
        {
            await using var client = new ToriiClient(new ToriiClientOptions
            {
                SocketPath = socketPath,
                PoolSize = 1,
                RequestTimeout = TimeSpan.FromMilliseconds(timeoutMilliseconds),
                OnConnectionEvent = connectFailure.Observe,
            });
            return await useClient(prepared, client, connectFailure).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (connectFailure.Failure is ConnectionEvent failure)
        {
            // .NET reports a missing socket file as "Cannot assign requested address".
            string cause = File.Exists(socketPath) ? failure.Error?.Message ?? failure.Message : "the socket file does not exist";
            await _error.WriteLineAsync($"error: cannot connect to the proxy's command socket {socketPath}: {cause} (is the proxy running?)").ConfigureAwait(false);
            return ExitCodes.Unreachable;
        }
        catch (ProxyUnavailableException exception)
        {
            // The client's messages already name the socket.
            await _error.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Unreachable;
        }
        catch (TimeoutException)
        {
            await _error.WriteLineAsync($"error: the proxy at {socketPath} did not answer within {timeoutMilliseconds} ms").ConfigureAwait(false);
            return ExitCodes.Unreachable;
        }
    }

    private async Task<int> SendAsync(IReadOnlyList<Request> requests, ToriiClient client, ConnectFailureWatch connectFailure)
    {
        var printer = new ResponsePrinter(_output, _error, parseResult.GetValue(common.Json));
        var progress = new ProgressPrinter(printer);
        foreach (Request request in requests)
        {
            Response response = await client.SendAsync(request, progress, connectFailure.Token).ConfigureAwait(false);
            printer.PrintFinal(response);
            if (response.Status != ResponseStatus.Ok)
            {
                return ExitCodes.Failure;
            }
        }

        return ExitCodes.Ok;
    }

    // The proxy would refuse these too; checking here means nothing is sent and the message names the field.
    private static void RefuseInvalid(IReadOnlyList<Request> requests)
    {
        foreach (Request request in requests)
        {
            if (RequestValidator.Validate(request) is string problem)
            {
                throw new CommandLineException($"invalid request: {problem}");
            }
        }
    }
}
