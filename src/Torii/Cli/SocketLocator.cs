using Torii.Config;

namespace Torii.Cli;

/// <summary>
/// Which command socket a client verb talks to: --socket; else the command_socket of the
/// config given with -c; else that of ./config.toml when it exists; else ./torii.sock.
/// </summary>
internal static class SocketLocator
{
    public const string DefaultSocketName = "torii.sock";

    /// <returns>An absolute path.</returns>
    /// <exception cref="CommandLineException">The config file to read the socket from cannot be loaded.</exception>
    public static string Locate(string? givenSocket, string? givenConfig, string currentDirectory)
    {
        if (givenSocket is not null)
        {
            return Path.GetFullPath(givenSocket, currentDirectory);
        }

        string? configPath = ConfigFileLocator.Find(givenConfig, currentDirectory);
        return configPath is null
            ? Path.Combine(currentDirectory, DefaultSocketName)
            : SocketOf(configPath);
    }

    private static string SocketOf(string configPath)
    {
        try
        {
            return ConfigLoader.Load(configPath).Settings.CommandSocket;
        }
        catch (ConfigException exception)
        {
            throw new CommandLineException($"cannot find the command socket: {exception.Message}");
        }
    }
}
