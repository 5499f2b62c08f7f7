using System.Runtime.InteropServices;
using Torii.Config;
using Torii.Protocol;
using Torii.Proxy.Command;
using Torii.Proxy.Hosting;
using Torii.Proxy.Http.Parsing;
using Torii.Proxy.Logging;
using Torii.Proxy.State;

namespace Torii.Hosting;

/// <summary>
/// `torii start`: loads the config, applies it as requests (the one path into the
/// state), replays the saved state, opens the command socket and runs until stopped.
/// </summary>
public static class ProxyHost
{
    public static async Task<int> RunAsync(string configPath, CancellationToken cancellationToken)
    {
        ToriiConfig config;
        try
        {
            config = ConfigLoader.Load(configPath);
        }
        catch (ConfigException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }

        var settings = config.Settings;
        Log.Level = Log.TryParseLevel(settings.LogLevel, out var level) ? level : LogLevel.Info;
        foreach (var warning in config.Warnings)
        {
            Log.Warn(warning.ToString());
        }

        ProxyServer created;
        try
        {
            created = new ProxyServer(OptionsFrom(settings));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"error: cannot open access log {settings.AccessLogsTarget}: {e.Message}");
            return 1;
        }

        await using var server = created;
        var exitCode = await StartAsync(server, config, cancellationToken);
        if (exitCode != 0)
        {
            await Log.FlushAsync();
            return exitCode;
        }

        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => OnSignal(context, server));
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => OnSignal(context, server));
        await server.Exited;
        Log.Info("torii stopped");
        await Log.FlushAsync();
        return 0;
    }

    private static async Task<int> StartAsync(ProxyServer server, ToriiConfig config, CancellationToken cancellationToken)
    {
        try
        {
            UnixSocketFile.EnsureUsable(config.Settings.CommandSocket);
        }
        catch (CommandException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }

        foreach (var (request, origin) in config.Requests)
        {
            var response = await server.Dispatcher.ExecuteAsync(request, cancellationToken);
            if (response.Status != ResponseStatus.Ok)
            {
                await Console.Error.WriteLineAsync($"error: {origin}: {response.Message}");
                return 1;
            }
        }

        if (config.Settings.SavedState is { } savedState)
        {
            if (!await ReplaySavedStateAsync(server, savedState, cancellationToken))
            {
                return 1;
            }

            if (config.Settings.AutomaticStateSave)
            {
                await server.Dispatcher.SaveChangesToAsync(savedState);
                Log.Info($"automatic state save: every change is written to {savedState} before it is acknowledged");
            }
        }

        try
        {
            server.StartCommandSocket();
        }
        catch (Exception e) when (e is CommandException or IOException or System.Net.Sockets.SocketException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"error: command socket {config.Settings.CommandSocket}: {e.Message}");
            return 1;
        }

        Log.Info($"torii started with {config.ConfigPath} (pid {Environment.ProcessId})");
        return 0;
    }

    /// <summary>
    /// Replays the saved state over the config. Requests the config already applied
    /// fail as duplicates and change nothing; a file that cannot be read stops the start,
    /// since running with half a state would route traffic wrongly.
    /// </summary>
    private static async Task<bool> ReplaySavedStateAsync(ProxyServer server, string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            Log.Info($"saved state {path} does not exist yet");
            return true;
        }

        List<Request> requests;
        try
        {
            requests = await CommandDispatcher.ReadStateFileAsync(path, cancellationToken);
        }
        catch (CommandException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return false;
        }

        var applied = 0;
        foreach (var request in requests)
        {
            var response = await server.Dispatcher.ExecuteAsync(request, cancellationToken);
            applied += response.Status == ResponseStatus.Ok ? 1 : 0;
        }

        Log.Info($"saved state {path}: {applied} of {requests.Count} requests applied (the others were already in the config or failed)");
        return true;
    }

    private static ProxyOptions OptionsFrom(ProxySettings settings) => new(
        settings.CommandSocket,
        settings.MaxCommandBufferSize,
        settings.MaxConnections,
        settings.MaxIdleBackendConnections,
        settings.RequestIdHeader,
        HttpLimits.Default,
        settings.AccessLogsTarget);

    /// <summary>The first SIGTERM or SIGINT stops softly; a second one stops at once.</summary>
    private static void OnSignal(PosixSignalContext context, ProxyServer server)
    {
        context.Cancel = true;
        if (server.IsStopping)
        {
            server.StopNow();
        }
        else
        {
            Log.Info($"{context.Signal}: soft stop (send it again to stop at once)");
            server.StopSoftly();
        }
    }
}
