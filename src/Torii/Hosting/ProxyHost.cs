using Torii.Config;
using Torii.Protocol;
using Torii.Proxy.Command;
using Torii.Proxy.Hosting;
using Torii.Proxy.Http.Parsing;
using Torii.Proxy.Logging;
using Torii.Proxy.State;
using Torii.Proxy.Upgrade;

namespace Torii.Hosting;

/// <summary>
/// `torii start`: loads the config, applies it as requests (the one path into the
/// state), replays the saved state, opens the command socket and runs until stopped.
/// Started by an upgrade (<paramref name="upgradeFrom"/>), it takes the sockets and the state
/// from the old process instead, and its config only for the process settings.
/// </summary>
public static class ProxyHost
{
    public static async Task<int> RunAsync(string configPath, CancellationToken cancellationToken, string? upgradeFrom = null)
    {
        Handover? handover = null;
        if (upgradeFrom is not null)
        {
            try
            {
                // First of all: from here on this process writes where the old one wrote.
                handover = await Handover.ReceiveAsync(upgradeFrom, cancellationToken);
            }
            catch (IOException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
        }

        using var handed = handover;
        ToriiConfig config;
        try
        {
            config = ConfigLoader.Load(configPath);
        }
        catch (ConfigException e)
        {
            return await FailAsync(handover, e.Message);
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
            created = new ProxyServer(OptionsFrom(settings, config.ConfigPath), handover?.Listeners);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return await FailAsync(handover, $"cannot open the access log ({settings.AccessLogsTarget}) or the audit log ({settings.AuditLogsTarget ?? "off"}): {e.Message}");
        }

        await using var server = created;
        using var signals = new ProxySignals(server);
        var exitCode = handover is null
            ? await StartAsync(server, config, signals, cancellationToken)
            : await TakeOverAsync(server, config, handover, signals, cancellationToken);
        if (exitCode != 0)
        {
            await Log.FlushAsync();
            return exitCode;
        }

        await server.Exited;
        Log.Info("torii stopped");
        await Log.FlushAsync();
        return 0;
    }

    private static async Task<int> StartAsync(ProxyServer server, ToriiConfig config, ProxySignals signals, CancellationToken cancellationToken)
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

        // Listeners are activated last, once the config and the saved state are both applied:
        // a listener that accepted earlier would answer 404 for routes about to be restored.
        var activations = new List<Request>();
        foreach (var (request, origin) in config.Requests)
        {
            if (request.RequestTypeCase == Request.RequestTypeOneofCase.ActivateListener)
            {
                activations.Add(request);
                continue;
            }

            var response = await server.Dispatcher.ExecuteAsync(request, cancellationToken);
            if (response.Status != ResponseStatus.Ok)
            {
                await Console.Error.WriteLineAsync($"error: {origin}: {response.Message}");
                return 1;
            }
        }

        var savedActivations = new List<Request>();
        if (config.Settings.SavedState is { } savedState && !await ReplaySavedStateAsync(server, savedState, savedActivations, cancellationToken))
        {
            return 1;
        }

        foreach (var activation in activations)
        {
            var response = await server.Dispatcher.ExecuteAsync(activation, cancellationToken);
            if (response.Status != ResponseStatus.Ok)
            {
                await Console.Error.WriteLineAsync($"error: activating listener {SocketAddresses.Format(activation.ActivateListener.Address)}: {response.Message}");
                return 1;
            }
        }

        // The saved state's own activations may repeat the config's: those fail as duplicates and change nothing.
        foreach (var activation in savedActivations)
        {
            await server.Dispatcher.ExecuteAsync(activation, cancellationToken);
        }

        if (config.Settings.SavedState is { } journal && config.Settings.AutomaticStateSave)
        {
            await server.Dispatcher.SaveChangesToAsync(journal);
            Log.Info($"automatic state save: every change is written to {journal} before it is acknowledged");
        }

        // Before the command socket opens: a `config reload` sent the moment it answers finds the file to diff against.
        server.Dispatcher.UseConfiguration(new TomlConfigurationSource(config.ConfigPath), [.. config.Requests.Select(request => request.Request)]);
        try
        {
            server.StartCommandSocket();
        }
        catch (Exception e) when (e is CommandException or IOException or System.Net.Sockets.SocketException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"error: command socket {config.Settings.CommandSocket}: {e.Message}");
            return 1;
        }

        signals.Ready();
        Log.Info($"torii started with {config.ConfigPath} (pid {Environment.ProcessId})");
        SystemdNotifier.Ready();
        return 0;
    }

    /// <summary>
    /// Replays the saved state over the config. Requests the config already applied
    /// fail as duplicates and change nothing; a file that cannot be read stops the start,
    /// since running with half a state would route traffic wrongly.
    /// </summary>
    /// <param name="activations">Receives the state's listener activations, which the caller applies last.</param>
    private static async Task<bool> ReplaySavedStateAsync(ProxyServer server, string path, List<Request> activations, CancellationToken cancellationToken)
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
            if (request.RequestTypeCase == Request.RequestTypeOneofCase.ActivateListener)
            {
                activations.Add(request);
                continue;
            }

            var response = await server.Dispatcher.ExecuteAsync(request, cancellationToken);
            applied += response.Status == ResponseStatus.Ok ? 1 : 0;
        }

        Log.Info($"saved state {path}: {applied} of {requests.Count - activations.Count} requests applied (the others were already in the config or failed); listeners activate next");
        return true;
    }

    /// <summary>
    /// Applies the old process's state (listener activations last, on the handed-over sockets),
    /// confirms, and only then serves the command socket: the old process stops accepting once it
    /// reads the confirmation, so from the first connection on, this process routes like it did.
    /// </summary>
    private static async Task<int> TakeOverAsync(ProxyServer server, ToriiConfig config, Handover handover, ProxySignals signals, CancellationToken cancellationToken)
    {
        var activations = new List<Request>();
        var line = 0;
        foreach (var request in handover.State)
        {
            line++;
            if (request.RequestTypeCase == Request.RequestTypeOneofCase.ActivateListener)
            {
                activations.Add(request);
                continue;
            }

            var response = await server.Dispatcher.ExecuteAsync(request, cancellationToken);
            if (response.Status != ResponseStatus.Ok)
            {
                return await FailAsync(handover, $"state request {line} ({RequestNames.Of(request)}): {response.Message}");
            }
        }

        foreach (var activation in activations)
        {
            var response = await server.Dispatcher.ExecuteAsync(activation, cancellationToken);
            if (response.Status != ResponseStatus.Ok)
            {
                return await FailAsync(handover, $"activating listener {SocketAddresses.Format(activation.ActivateListener.Address)}: {response.Message}");
            }
        }

        if (config.Settings.SavedState is { } journal && config.Settings.AutomaticStateSave)
        {
            await server.Dispatcher.SaveChangesToAsync(journal);
        }

        try
        {
            await handover.ConfirmAsync(ToriiVersion.Current, cancellationToken);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            // The old process gave up waiting and serves on; this one must not take its command socket.
            await Console.Error.WriteLineAsync($"error: the old process did not take the confirmation: {e.Message}");
            return 1;
        }

        // `config reload` diffs against the config file as this process read it.
        server.Dispatcher.UseConfiguration(new TomlConfigurationSource(config.ConfigPath), [.. config.Requests.Select(request => request.Request)]);
        server.StartCommandSocket(handover.CommandSocket);
        signals.Ready();
        Log.Info($"torii {ToriiVersion.Current} took over with {config.ConfigPath} (pid {Environment.ProcessId}): {handover.Listeners.Count} listening sockets, {handover.State.Count} state requests");

        // systemd (Type=notify) follows this process from now on instead of stopping the unit when the old one exits.
        SystemdNotifier.Ready();
        return 0;
    }

    /// <summary>Reports a failed start: on stderr and, during an upgrade, to the old process, which keeps serving.</summary>
    private static async Task<int> FailAsync(Handover? handover, string message)
    {
        await Console.Error.WriteLineAsync($"error: {message}");
        if (handover is not null)
        {
            await handover.RefuseAsync(message);
        }

        return 1;
    }

    private static ProxyOptions OptionsFrom(ProxySettings settings, string configPath) => new(
        settings.CommandSocket,
        settings.MaxCommandBufferSize,
        settings.MaxConnections,
        settings.MaxIdleBackendConnections,
        TimeSpan.FromSeconds(settings.BackendIdleTimeout),
        settings.RequestIdHeader,
        HttpLimits.Default,
        settings.AccessLogsTarget,
        Path.GetFullPath(configPath),
        settings.AcceptQueueTimeout,
        settings.RetryAfter,
        Enum.Parse<AccessLogFormat>(settings.AccessLogsFormat, ignoreCase: true))
    {
        AuditLogTarget = settings.AuditLogsTarget,
        WorkerCount = settings.WorkerCount,
    };
}
