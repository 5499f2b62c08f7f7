using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Torii.Proxy.State;

/// <summary>
/// A dictionary that enumerates in insertion order, as <see cref="OrderedDictionary{TKey, TValue}"/> does,
/// but removes in O(1): a removed entry leaves a hole, and the holes are squeezed out once they are half
/// the entries (amortised O(1)). OrderedDictionary shifts every later entry, O(n) per removal of one of
/// 100,000 clusters or of one of 10,000 backends of a cluster. Not thread-safe, as the state is not.
/// </summary>
public sealed class InsertionOrderedMap<TKey, TValue> : IReadOnlyDictionary<TKey, TValue>
    where TKey : notnull
{
    /// <summary>Holes are squeezed out only past this many, so small maps never compact.</summary>
    private const int MinHolesToCompact = 32;

    private readonly Dictionary<TKey, int> _positions;
    private readonly List<KeyValuePair<TKey, TValue>?> _entries = [];

    public InsertionOrderedMap(IEqualityComparer<TKey>? comparer = null) => _positions = new Dictionary<TKey, int>(comparer);

    public int Count => _positions.Count;

    public IEnumerable<TKey> Keys => this.Select(static entry => entry.Key);

    public IEnumerable<TValue> Values => this.Select(static entry => entry.Value);

    /// <summary>Reading throws for a missing key; writing replaces in place, or adds at the end.</summary>
    public TValue this[TKey key]
    {
        get => TryGetValue(key, out TValue? value) ? value : throw new KeyNotFoundException($"no entry for '{key}'");
        set
        {
            if (_positions.TryGetValue(key, out int position))
            {
                _entries[position] = new KeyValuePair<TKey, TValue>(key, value);
            }
            else
            {
                Add(key, value);
            }
        }
    }

    /// <exception cref="ArgumentException">The key is already present.</exception>
    public void Add(TKey key, TValue value)
    {
        _positions.Add(key, _entries.Count);
        _entries.Add(new KeyValuePair<TKey, TValue>(key, value));
    }

    public bool Remove(TKey key)
    {
        if (!_positions.Remove(key, out int position))
        {
            return false;
        }

        _entries[position] = null;
        int holes = _entries.Count - _positions.Count;
        if (holes >= MinHolesToCompact && holes * 2 >= _entries.Count)
        {
            Compact();
        }

        return true;
    }

    public bool ContainsKey(TKey key) => _positions.ContainsKey(key);

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_positions.TryGetValue(key, out int position))
        {
            value = _entries[position]!.Value.Value;
            return true;
        }

        value = default;
        return false;
    }

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator()
    {
        foreach (KeyValuePair<TKey, TValue>? entry in _entries)
        {
            if (entry is { } live)
            {
                yield return live;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void Compact()
    {
        int next = 0;
        for (int i = 0; i < _entries.Count; i++)
        {
            if (_entries[i] is { } live)
            {
                _entries[next] = live;
                _positions[live.Key] = next;
                next++;
            }
        }

        _entries.RemoveRange(next, _entries.Count - next);
    }
}
