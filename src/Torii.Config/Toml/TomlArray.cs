using System.Collections;

namespace Torii.Config.Toml;

/// <summary>A TOML array (items may have mixed types) with the source position of each item.</summary>
public sealed class TomlArray : IReadOnlyList<object>
{
    private readonly List<object> _items = [];
    private readonly List<TomlPosition> _positions = [];

    internal TomlArray(TomlPosition position, bool isArrayOfTables)
    {
        Position = position;
        IsArrayOfTables = isArrayOfTables;
    }

    /// <summary>Where the array starts: its opening bracket, or its first [[header]].</summary>
    public TomlPosition Position { get; }

    /// <summary>True when built by [[header]] sections, which is the only kind a later [[header]] may extend.</summary>
    public bool IsArrayOfTables { get; }

    public int Count => _items.Count;

    public object this[int index] => _items[index];

    public TomlPosition GetPosition(int index) => _positions[index];

    public IEnumerator<object> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal void Add(object item, TomlPosition position)
    {
        _items.Add(item);
        _positions.Add(position);
    }
}
