using Torii.Config;
using Torii.Protocol;
using Torii.Proxy.State;

namespace Torii.Hosting;

/// <summary>config.toml files as `reload_configuration` reads them: the same loader as `torii start`.</summary>
public sealed class TomlConfigurationSource(string defaultPath) : Torii.Proxy.Command.IConfigurationSource
{
    public string DefaultPath => defaultPath;

    public IReadOnlyList<Request> Load(string path)
    {
        try
        {
            return [.. ConfigLoader.Load(path).Requests.Select(request => request.Request)];
        }
        catch (ConfigException e)
        {
            throw new CommandException(e.Message);
        }
    }
}
