namespace Torii.Proxy.State;

/// <summary>
/// A short list held in one field of its owner: nothing, the one item itself, or an array of two or more, copied per
/// change. Most clusters have one frontend of one kind; a list or an array of one was 24 to 56 bytes a cluster at
/// 100,000 clusters (bench/run.sh scenario s). A mutable struct: keep it in a field that is not readonly.
/// </summary>
internal struct OneOrMany<T>
    where T : class
{
    private object? _items;

    /// <summary>The items in the order they were added; a new array of one when there is one.</summary>
    public readonly IReadOnlyList<T> Items => _items switch
    {
        null => [],
        T[] many => many,
        _ => [(T)_items],
    };

    public void Add(T item) => _items = _items switch
    {
        null => item,
        T[] many => (T[])[.. many, item],
        _ => new[] { (T)_items, item },
    };

    /// <summary>Removes the first item equal to <paramref name="item"/>, if there is one.</summary>
    public void Remove(T item)
    {
        if (_items is T[] many)
        {
            var index = Array.IndexOf(many, item);
            if (index >= 0)
            {
                _items = many.Length == 2 ? many[1 - index] : (T[])[.. many.AsSpan(0, index), .. many.AsSpan(index + 1)];
            }
        }
        else if (_items is not null && EqualityComparer<T>.Default.Equals((T)_items, item))
        {
            _items = null;
        }
    }
}
