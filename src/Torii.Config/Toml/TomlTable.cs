using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Torii.Config.Toml;

/// <summary>
/// A TOML table: keys in document order, each with the position of its key and of its value.
/// Values are string, long, double, bool, <see cref="TomlOffsetDateTime"/>, <see cref="TomlLocalDateTime"/>,
/// <see cref="TomlLocalDate"/>, <see cref="TomlLocalTime"/>, <see cref="TomlArray"/> or <see cref="TomlTable"/>.
/// </summary>
public sealed class TomlTable : IReadOnlyDictionary<string, object>
{
    private readonly Dictionary<string, TomlEntry> _byKey = new(StringComparer.Ordinal);
    private readonly List<TomlEntry> _entries = [];

    internal TomlTable(TomlPosition position, TomlTableKind kind)
    {
        Position = position;
        Kind = kind;
    }

    /// <summary>Where the table is defined: its [header], its opening brace or the key that created it.</summary>
    public TomlPosition Position { get; internal set; }

    internal TomlTableKind Kind { get; set; }

    public int Count => _entries.Count;

    public IEnumerable<string> Keys => _entries.Select(entry => entry.Key);

    public IEnumerable<object> Values => _entries.Select(entry => entry.Value);

    /// <summary>The entries in document order.</summary>
    public IReadOnlyList<TomlEntry> Entries => _entries;

    public object this[string key] => _byKey[key].Value;

    public bool ContainsKey(string key) => _byKey.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object value)
    {
        if (_byKey.TryGetValue(key, out var entry))
        {
            value = entry.Value;
            return true;
        }

        value = null;
        return false;
    }

    public bool TryGetEntry(string key, [MaybeNullWhen(false)] out TomlEntry entry) =>
        _byKey.TryGetValue(key, out entry);

    /// <summary>The position of <paramref name="key"/> itself (for a table made by a header, the key in the header).</summary>
    public bool TryGetPosition(string key, out TomlPosition position)
    {
        var found = _byKey.TryGetValue(key, out var entry);
        position = found ? entry!.KeyPosition : default;
        return found;
    }

    /// <summary>The position where the value of <paramref name="key"/> starts.</summary>
    public bool TryGetValuePosition(string key, out TomlPosition position)
    {
        var found = _byKey.TryGetValue(key, out var entry);
        position = found ? entry!.ValuePosition : default;
        return found;
    }

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() =>
        _entries.Select(entry => new KeyValuePair<string, object>(entry.Key, entry.Value)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal void Add(string key, object value, TomlPosition keyPosition, TomlPosition valuePosition)
    {
        var entry = new TomlEntry(key, value, keyPosition, valuePosition);
        _byKey.Add(key, entry);
        _entries.Add(entry);
    }
}
