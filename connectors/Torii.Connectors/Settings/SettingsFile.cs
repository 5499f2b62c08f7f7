using Torii.Config.Toml;

namespace Torii.Connectors.Settings;

/// <summary>
/// A connector's TOML file: top-level keys only, every key known, values of the expected type.
/// Errors name the file, line and column. An absent file reads as empty.
/// </summary>
public sealed class SettingsFile
{
    private readonly TomlTable? _table;

    private SettingsFile(string? path, TomlTable? table)
    {
        Path = path;
        _table = table;
    }

    public static SettingsFile Empty { get; } = new(null, null);

    /// <summary>The file read, or null when settings come from flags only.</summary>
    public string? Path { get; }

    /// <exception cref="SettingsException">The file cannot be read, is not TOML, or has a key not in <paramref name="knownKeys"/>.</exception>
    public static SettingsFile Load(string path, IReadOnlyCollection<string> knownKeys)
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
            if (!knownKeys.Contains(entry.Key))
            {
                throw new SettingsException(
                    $"{entry.KeyPosition}: unknown key \"{entry.Key}\"; the keys are: {string.Join(", ", knownKeys.Order(StringComparer.Ordinal))}");
            }
        }

        return new SettingsFile(path, table);
    }

    public string? String(string key) => Value<string>(key, "a string");

    public bool? Boolean(string key) => Has(key) ? Value<bool>(key, "true or false") : null;

    public int? Integer(string key, int min, int max)
    {
        if (!Has(key))
        {
            return null;
        }

        long value = Value<long>(key, "an integer");
        if (value < min || value > max)
        {
            throw new SettingsException($"{Where(key)}: {key} must be between {min} and {max}, not {value}");
        }

        return (int)value;
    }

    /// <summary>A path, resolved against the settings file's folder when relative.</summary>
    public string? FilePath(string key)
    {
        string? value = String(key);
        return value is null || Path is null
            ? value
            : System.IO.Path.GetFullPath(value, System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
    }

    private bool Has(string key) => _table?.ContainsKey(key) == true;

    private T? Value<T>(string key, string expected)
    {
        if (_table is null || !_table.TryGetValue(key, out object? value))
        {
            return default;
        }

        return value is T typed
            ? typed
            : throw new SettingsException($"{Where(key)}: {key} must be {expected}");
    }

    /// <summary>"file:line:column" of a key's value, or the file, for error messages.</summary>
    public string Where(string key) =>
        _table is not null && _table.TryGetValuePosition(key, out TomlPosition position) ? position.ToString() : Path ?? "settings";
}
