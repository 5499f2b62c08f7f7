using Torii.Config.Loading;
using Torii.Config.Toml;
using Torii.Protocol;

namespace Torii.Config;

/// <summary>
/// Loads config.toml (Sōzu's format) into settings and the ordered requests that build the initial
/// state: every listener, then each cluster with its frontends and backends, in file order, and last the
/// activation of the listeners (when activate_listeners), so that a listener accepts only once its routes exist.
/// </summary>
public static class ConfigLoader
{
    /// <exception cref="ConfigException">The file cannot be read, is not valid TOML, or a setting is wrong.</exception>
    public static ToriiConfig Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(new ConfigPosition(path, 0, 0), $"cannot read the config file: {error.Message}", error);
        }

        return Build(() => TomlParser.Parse(bytes, path), path);
    }

    /// <summary>Loads config text as if it were the file at <paramref name="path"/> (used for messages and relative paths).</summary>
    /// <exception cref="ConfigException">The text is not valid TOML, or a setting is wrong.</exception>
    public static ToriiConfig LoadFromText(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(path);
        return Build(() => TomlParser.Parse(text, path), path);
    }

    private static ToriiConfig Build(Func<TomlTable> parse, string path)
    {
        TomlTable document;
        try
        {
            document = parse();
        }
        catch (TomlException error)
        {
            throw new ConfigException(ConfigPosition.From(error.Position, path), error.Reason, error);
        }

        var fullPath = Path.GetFullPath(path);
        var files = new ConfigFileReader(Path.GetDirectoryName(fullPath)!);
        var root = new ConfigSection(document, "the top level of the config", path);
        var warnings = new List<ConfigWarning>();
        var settings = SettingsReader.Read(root, files, warnings);
        var requests = new List<ConfigRequest>(PerIpLimitReader.ReadGlobal(root));
        var listeners = ReadListeners(root, settings, files, requests);
        foreach (var (clusterId, cluster) in root.NamedSections("clusters", name => $"cluster '{name}'"))
        {
            requests.AddRange(ClusterReader.Read(clusterId, cluster, listeners, files));
        }

        if (settings.ActivateListeners)
        {
            requests.AddRange(listeners.Select(Activation));
        }

        return new ToriiConfig(fullPath, settings, requests, warnings);
    }

    private static List<DeclaredListener> ReadListeners(
        ConfigSection root,
        ProxySettings settings,
        ConfigFileReader files,
        List<ConfigRequest> requests)
    {
        var listeners = new List<DeclaredListener>();
        foreach (var section in root.Sections("listeners", index => $"listener #{index + 1}"))
        {
            var (listener, request) = ListenerReader.Read(section, settings, files);
            if (listeners.FirstOrDefault(other => other.Address.Equals(listener.Address)) is { } duplicate)
            {
                throw new ConfigException(
                    section.Position,
                    $"a listener already exists on {listener.Address}: {section.Description} repeats the address of the listener declared at {duplicate.Position}");
            }

            listeners.Add(listener);
            requests.Add(new ConfigRequest(request, listener.Position));
        }

        return listeners;
    }

    private static ConfigRequest Activation(DeclaredListener listener) => new(
        new Request
        {
            ActivateListener = new ActivateListener
            {
                Address = SocketAddressText.ToProto(listener.Address),
                Proxy = listener.Type,
            },
        },
        listener.Position);
}
