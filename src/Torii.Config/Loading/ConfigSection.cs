using Torii.Config.Toml;

namespace Torii.Config.Loading;

/// <summary>
/// One table of config.toml (the top level, a listener, a cluster, a frontend, a backend) read with
/// typed getters that report the key's or value's file:line:col when something is wrong.
/// </summary>
internal sealed class ConfigSection(TomlTable table, string description, string file)
{
    /// <summary>What the table is, for messages: "listener #1", "cluster 'api'".</summary>
    public string Description { get; } = description;

    public ConfigPosition Position => ConfigPosition.From(table.Position, file);

    public bool Has(string key) => table.ContainsKey(key);

    /// <summary>
    /// Rejects keys that are neither allowed nor ignored. <paramref name="misplaced"/> explains keys
    /// that are valid elsewhere (e.g. a certificate on an http listener).
    /// </summary>
    public void CheckKeys(
        IReadOnlyCollection<string> allowed,
        IReadOnlyDictionary<string, string>? misplaced = null)
    {
        foreach (var entry in table.Entries)
        {
            if (allowed.Contains(entry.Key))
            {
                continue;
            }

            var position = ConfigPosition.From(entry.KeyPosition, file);
            if (misplaced is not null && misplaced.TryGetValue(entry.Key, out var why))
            {
                throw new ConfigException(position, $"'{entry.Key}' is not allowed in {Description}: {why}");
            }

            var hint = KeySuggestion.Closest(entry.Key, allowed) is { } closest
                ? $"did you mean '{closest}'?"
                : $"expected one of: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}";
            throw new ConfigException(position, $"unknown key '{entry.Key}' in {Description}; {hint}");
        }
    }

    public ConfigPosition KeyPosition(string key) =>
        table.TryGetPosition(key, out var position) ? ConfigPosition.From(position, file) : Position;

    public ConfigPosition ValuePosition(string key) =>
        table.TryGetValuePosition(key, out var position) ? ConfigPosition.From(position, file) : Position;

    /// <summary>An error about the value of <paramref name="key"/>, placed at that value.</summary>
    public ConfigException ErrorAt(string key, string reason, Exception? inner = null) =>
        new(ValuePosition(key), reason, inner);

    public string? String(string key) => Get<string>(key, "a string") is (true, var value) ? value : null;

    /// <summary>A string that must not be empty or only whitespace.</summary>
    public string? NonEmptyString(string key)
    {
        var value = String(key);
        return value is not null && string.IsNullOrWhiteSpace(value)
            ? throw ErrorAt(key, $"'{key}' must not be empty")
            : value;
    }

    public string RequiredString(string key) =>
        NonEmptyString(key) ?? throw new ConfigException(Position, $"{Description} is missing the required key '{key}'");

    public bool? Bool(string key) => Get<bool>(key, "a boolean (true or false)") is (true, var value) ? value : null;

    public long? Integer(string key, long min, long max)
    {
        if (Get<long>(key, "an integer") is not (true, var value))
        {
            return null;
        }

        return value >= min && value <= max
            ? value
            : throw ErrorAt(key, $"expected an integer between {min} and {max} for '{key}', found {value}");
    }

    public int? Int32(string key, int min, int max = int.MaxValue) => (int?)Integer(key, min, max);

    /// <summary>An array whose items must all be strings, each with its position.</summary>
    public IReadOnlyList<(string Value, ConfigPosition Position)>? StringList(string key)
    {
        if (Get<TomlArray>(key, "an array of strings") is not (true, var array))
        {
            return null;
        }

        var items = new List<(string, ConfigPosition)>();
        for (var i = 0; i < array.Count; i++)
        {
            var position = ConfigPosition.From(array.GetPosition(i), file);
            items.Add(array[i] is string text
                ? (text, position)
                : throw new ConfigException(position, $"expected strings in '{key}', found {TomlTableEditor.Describe(array[i])}"));
        }

        return items;
    }

    /// <summary>A table whose values must all be strings, as key, value and value position.</summary>
    public IReadOnlyList<(string Key, string Value, ConfigPosition Position)>? StringTable(string key)
    {
        if (Get<TomlTable>(key, "a table of strings") is not (true, var inner))
        {
            return null;
        }

        return inner.Entries
            .Select(entry => entry.Value is string text
                ? (entry.Key, text, ConfigPosition.From(entry.ValuePosition, file))
                : throw new ConfigException(
                    ConfigPosition.From(entry.ValuePosition, file),
                    $"expected a string for '{key}.{entry.Key}', found {TomlTableEditor.Describe(entry.Value)}"))
            .ToList();
    }

    /// <summary>An array of tables ([[key]] sections or an inline array of tables); empty when absent.</summary>
    public IReadOnlyList<ConfigSection> Sections(string key, Func<int, string> describe)
    {
        if (Get<TomlArray>(key, "an array of tables") is not (true, var array))
        {
            return [];
        }

        var sections = new List<ConfigSection>();
        for (var i = 0; i < array.Count; i++)
        {
            sections.Add(array[i] is TomlTable item
                ? new ConfigSection(item, describe(i), file)
                : throw new ConfigException(
                    ConfigPosition.From(array.GetPosition(i), file),
                    $"expected a table for each item of '{key}', found {TomlTableEditor.Describe(array[i])}"));
        }

        return sections;
    }

    /// <summary>A sub-table ([parent.key] section or an inline table).</summary>
    public ConfigSection Table(string key, string description) =>
        Get<TomlTable>(key, "a table") is (true, var inner)
            ? new ConfigSection(inner, description, file)
            : throw new ConfigException(Position, $"{Description} has no table '{key}'");

    /// <summary>The tables held by a table ([key.NAME] sections), by name in file order; empty when absent.</summary>
    public IReadOnlyList<(string Name, ConfigSection Section)> NamedSections(string key, Func<string, string> describe)
    {
        if (Get<TomlTable>(key, "a table") is not (true, var inner))
        {
            return [];
        }

        return inner.Entries
            .Select(entry => entry.Value is TomlTable child
                ? (entry.Key, new ConfigSection(child, describe(entry.Key), file))
                : throw new ConfigException(
                    ConfigPosition.From(entry.KeyPosition, file),
                    $"expected a table for '{key}.{entry.Key}' (a [{key}.{entry.Key}] section), found {TomlTableEditor.Describe(entry.Value)}"))
            .ToList();
    }

    private (bool Found, T Value) Get<T>(string key, string expected)
    {
        if (!table.TryGetValue(key, out var value))
        {
            return (false, default!);
        }

        return value is T typed
            ? (true, typed)
            : throw ErrorAt(key, $"expected {expected} for '{key}', found {TomlTableEditor.Describe(value)}");
    }
}
