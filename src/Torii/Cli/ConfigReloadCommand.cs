using System.CommandLine;
using Torii.Client;
using Torii.Config;
using Torii.Protocol;

namespace Torii.Cli;

/// <summary>
/// `torii config reload [-c FILE] [--prune]`: the proxy applies the difference between its state and
/// the file (Sōzu's reload_configuration). With --prune the CLI then removes what the state holds and
/// the file does not, runtime additions included, read from a state snapshot the proxy writes for it.
/// </summary>
internal static class ConfigReloadCommand
{
    public static Command Create(CommonOptions common)
    {
        var prune = new Option<bool>("--prune") { Description = "Also remove what the proxy has and the file does not, including what was added at runtime" };
        var reload = new Command("reload", "Apply the changes made to the config file to the running proxy, without a restart") { prune };
        reload.SetAction(async (parseResult, cancellationToken) =>
        {
            var given = parseResult.GetValue(common.Config);
            var path = given is null ? string.Empty : Path.GetFullPath(given);
            var exitCode = await new CommandRunner(common, parseResult).RunAsync(_ => [new Request { ReloadConfiguration = path }], cancellationToken).ConfigureAwait(false);
            if (exitCode != ExitCodes.Ok || !parseResult.GetValue(prune))
            {
                return exitCode;
            }

            return await PruneAsync(common, parseResult, cancellationToken).ConfigureAwait(false);
        });
        return reload;
    }

    private static async Task<int> PruneAsync(CommonOptions common, ParseResult parseResult, CancellationToken cancellationToken)
    {
        IReadOnlyList<Request> next;
        string socketPath;
        try
        {
            var configPath = ConfigFileLocator.Require(parseResult.GetValue(common.Config), Environment.CurrentDirectory);
            next = [.. ConfigLoader.Load(configPath).Requests.Select(request => request.Request)];
            socketPath = SocketLocator.Locate(parseResult.GetValue(common.Socket), parseResult.GetValue(common.Config), Environment.CurrentDirectory);
        }
        catch (Exception e) when (e is CommandLineException or ConfigException)
        {
            await parseResult.InvocationConfiguration.Error.WriteLineAsync($"error: --prune: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        var current = await ReadStateAsync(socketPath, parseResult.GetValue(common.Timeout), cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            await parseResult.InvocationConfiguration.Error.WriteLineAsync("error: --prune: the proxy could not write its state").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        // The proxy has just applied the file's additions and changes: what the plan still holds are removals.
        var removals = ReloadPlan.Create([], current, next, prune: true).Requests;
        return removals.Count == 0
            ? ExitCodes.Ok
            : await new CommandRunner(common, parseResult).RunAsync(_ => removals, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The proxy's state as requests: it writes a state file the CLI reads (both sides of the owner-only socket are the same user).</summary>
    private static async Task<List<Request>?> ReadStateAsync(string socketPath, int timeoutMilliseconds, CancellationToken cancellationToken)
    {
        var snapshot = Path.Combine(Directory.CreateTempSubdirectory("torii-prune-").FullName, "state.json");
        try
        {
            await using var client = new ToriiClient(new ToriiClientOptions { SocketPath = socketPath, PoolSize = 1, RequestTimeout = TimeSpan.FromMilliseconds(timeoutMilliseconds) });
            var saved = await client.SendAsync(new Request { SaveState = snapshot }, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (saved.Status != ResponseStatus.Ok)
            {
                return null;
            }

            using var reader = new StreamReader(snapshot);
            return await StateFile.ReadAllAsync(reader, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(snapshot)!, recursive: true);
        }
    }
}
