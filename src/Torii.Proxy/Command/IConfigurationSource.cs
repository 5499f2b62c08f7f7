using Torii.Protocol;

namespace Torii.Proxy.Command;

/// <summary>Reads a config file as the requests that build its state, for `reload_configuration`.</summary>
public interface IConfigurationSource
{
    /// <summary>The file the proxy was started with: what an empty reload path means.</summary>
    string DefaultPath { get; }

    /// <exception cref="CommandException">The file cannot be read or has errors; the message says where.</exception>
    IReadOnlyList<Request> Load(string path);
}
