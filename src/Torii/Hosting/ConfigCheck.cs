using Torii.Config;
using Torii.Protocol;
using Torii.Proxy.Command;
using Torii.Proxy.Runtime;
using Torii.Proxy.State;

namespace Torii.Hosting;

/// <summary>
/// `torii config check`: loads a config and applies it to an empty state without
/// opening any socket, so both TOML and semantic errors are found with their position.
/// </summary>
public static class ConfigCheck
{
    public static async Task<int> RunAsync(string configPath, TextWriter output, TextWriter error)
    {
        ToriiConfig config;
        try
        {
            config = ConfigLoader.Load(configPath);
        }
        catch (ConfigException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }

        try
        {
            UnixSocketFile.EnsureNotOtherFile(config.Settings.CommandSocket);
        }
        catch (CommandException e)
        {
            await error.WriteLineAsync($"error: command_socket: {e.Message}");
            return 1;
        }

        var state = new ConfigState(new SnapshotHolder(), DetachedListenerHost.Instance, new ProxyDefaults(config.Settings.MaxIdleBackendConnections));
        var dispatcher = new CommandDispatcher(state, IgnoredLifecycle.Instance);
        foreach (var (request, origin) in config.Requests)
        {
            var response = await dispatcher.ExecuteAsync(request);
            if (response.Status != ResponseStatus.Ok)
            {
                await error.WriteLineAsync($"error: {origin}: {response.Message}");
                return 1;
            }
        }

        foreach (var warning in config.Warnings)
        {
            await error.WriteLineAsync($"warning: {warning}");
        }

        await output.WriteLineAsync(
            $"{config.ConfigPath}: OK ({state.Listeners.Count} listeners, {state.ClusterCount} clusters, {state.FrontendCount} frontends, {state.BackendCount} backends)");
        return 0;
    }
}
