using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Torii.Proxy.State;

/// <summary>
/// A dictionary that enumerates in insertion order, as <see cref="OrderedDictionary{TKey, TValue}"/> does,
/// but removes in O(1): a removed entry leaves a hole, and the holes are squeezed out once they are half
/// the entries (amortised O(1)). OrderedDictionary shifts every later entry, O(n) per removal of one of
/// 100,000 clusters or of one of 10,000 backends of a cluster. Not thread-safe, as the state is not.
/// </summary>
/// <remarks>
/// The order is a list of values alone, each knowing its key (<c>keyOf</c>): a key beside each value there was 56 bytes
/// more per frontend at 100,000 clusters (bench/run.sh scenario s). A value is never null.
/// </remarks>
/// <param name="keyOf">The key a value is stored under; called only to enumerate keys, never to look up.</param>
public sealed class InsertionOrderedMap<TKey, TValue>(Func<TValue, TKey> keyOf, IEqualityComparer<TKey>? comparer = null)
    : IReadOnlyDictionary<TKey, TValue>
    where TKey : notnull
    where TValue : class
{
    /// <summary>Holes are squeezed out only past this many, so small maps never compact.</summary>
    private const int MinHolesToCompact = 32;

    private readonly Dictionary<TKey, int> _positions = new(comparer);
    private readonly List<TValue?> _entries = [];

    public int Count => _positions.Count;

    public IEnumerable<TKey> Keys => Values.Select(keyOf);

    public IEnumerable<TValue> Values
    {
        get
        {
            foreach (var value in _entries)
            {
                if (value is not null)
                {
                    yield return value;
                }
            }
        }
    }

    /// <summary>Reading throws for a missing key; writing replaces in place, or adds at the end.</summary>
    public TValue this[TKey key]
    {
        get => TryGetValue(key, out TValue? value) ? value : throw new KeyNotFoundException($"no entry for '{key}'");
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (_positions.TryGetValue(key, out int position))
            {
                _entries[position] = value;
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
        ArgumentNullException.ThrowIfNull(value);
        _positions.Add(key, _entries.Count);
        _entries.Add(value);
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
            value = _entries[position]!;
            return true;
        }

        value = default;
        return false;
    }

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator()
    {
        foreach (var value in Values)
        {
            yield return new KeyValuePair<TKey, TValue>(keyOf(value), value);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Moves the live values down over the holes, and each key's position with its value (keys are not recomputed).</summary>
    private void Compact()
    {
        var moved = new int[_entries.Count];
        int next = 0;
        for (int i = 0; i < _entries.Count; i++)
        {
            if (_entries[i] is { } live)
            {
                _entries[next] = live;
                moved[i] = next++;
            }
        }

        _entries.RemoveRange(next, _entries.Count - next);
        foreach (var key in _positions.Keys)
        {
            ref int position = ref CollectionsMarshal.GetValueRefOrNullRef(_positions, key);
            position = moved[position];
        }
    }
}
