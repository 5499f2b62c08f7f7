using Torii.Config.Toml;

namespace Torii.Connectors.Prometheus.Settings;

/// <summary>
/// The connector's TOML file: top-level keys only, each one known and of the expected type. Errors name the
/// file, line and column.
/// </summary>
internal sealed class SettingsFile
{
    public static readonly IReadOnlyList<string> Keys = ["listen_address", "proxy_socket", "proxy_config", "timeout_ms"];

    private readonly TomlTable? _table;
    private readonly string? _path;

    private SettingsFile(string? path, TomlTable? table)
    {
        _path = path;
        _table = table;
    }

    /// <summary>No file: every setting comes from flags or defaults.</summary>
    public static SettingsFile None { get; } = new(null, null);

    /// <exception cref="SettingsException">The file cannot be read, is not TOML, or holds a key not in <see cref="Keys"/>.</exception>
    public static SettingsFile Load(string path)
    {
        TomlTable table;
        try
        {
            table = TomlParser.ParseFile(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new SettingsException($"cannot read the settings file {path}: {exception.Message}", exception);
        }
        catch (TomlException exception)
        {
            throw new SettingsException(exception.Message, exception);
        }

        foreach (TomlEntry entry in table.Entries)
        {
            if (!Keys.Contains(entry.Key))
            {
                throw new SettingsException($"{entry.KeyPosition}: unknown key \"{entry.Key}\"; the keys are: {string.Join(", ", Keys)}");
            }
        }

        return new SettingsFile(path, table);
    }

    public string? String(string key) => Value<string>(key, "a string");

    public long? Integer(string key) => _table?.ContainsKey(key) == true ? Value<long>(key, "an integer") : null;

    /// <summary>A path; a relative one is taken from the settings file's folder.</summary>
    public string? FilePath(string key) =>
        String(key) is { } value && _path is not null
            ? Path.GetFullPath(value, Path.GetDirectoryName(Path.GetFullPath(_path))!)
            : String(key);

    /// <summary>"file:line:column" of a key's value, for error messages.</summary>
    public string Where(string key) =>
        _table is not null && _table.TryGetValuePosition(key, out TomlPosition position) ? position.ToString() : _path ?? "settings";

    private T? Value<T>(string key, string expected)
    {
        if (_table is null || !_table.TryGetValue(key, out object? value))
        {
            return default;
        }

        return value is T typed ? typed : throw new SettingsException($"{Where(key)}: {key} must be {expected}");
    }
}
