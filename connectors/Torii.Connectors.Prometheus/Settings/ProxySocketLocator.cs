using Torii.Config;

namespace Torii.Connectors.Prometheus.Settings;

/// <summary>
/// Which command socket to ask, chosen as the torii CLI chooses it: the socket given; else the
/// command_socket of the proxy config given; else that of ./config.toml when it exists; else ./torii.sock.
/// </summary>
internal static class ProxySocketLocator
{
    /// <returns>An absolute path.</returns>
    /// <exception cref="SettingsException">The proxy config cannot be loaded.</exception>
    public static string Locate(string? socket, string? proxyConfig, string currentDirectory)
    {
        if (socket is not null)
        {
            return Path.GetFullPath(socket, currentDirectory);
        }

        string defaultConfig = Path.Combine(currentDirectory, "config.toml");
        string? config = proxyConfig is not null
            ? Path.GetFullPath(proxyConfig, currentDirectory)
            : File.Exists(defaultConfig) ? defaultConfig : null;
        if (config is null)
        {
            return Path.Combine(currentDirectory, "torii.sock");
        }

        try
        {
            return ConfigLoader.Load(config).Settings.CommandSocket;
        }
        catch (ConfigException exception)
        {
            throw new SettingsException($"cannot find the proxy's command socket: {exception.Message}", exception);
        }
    }
}
