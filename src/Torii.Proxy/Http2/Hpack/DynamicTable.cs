namespace Torii.Proxy.Http2.Hpack;

/// <summary>
/// The decoder's dynamic table (RFC 7541 §2.3.2, §4): newest entry first, each costing its name
/// and value plus 32 octets, entries evicted from the oldest end to stay within the size limit.
/// </summary>
public sealed class DynamicTable(int maxSize)
{
    public const int EntryOverhead = 32;

    private readonly List<(byte[] Name, byte[] Value)> _entries = [];
    private int _oldest;

    /// <summary>The most the peer may set the size to: the SETTINGS_HEADER_TABLE_SIZE we advertise.</summary>
    public int Limit { get; } = maxSize;

    public int MaxSize { get; private set; } = maxSize;

    public int Size { get; private set; }

    public int Count => _entries.Count - _oldest;

    /// <summary>Entry 0 is the newest.</summary>
    public (byte[] Name, byte[] Value) Get(int index) => _entries[_entries.Count - 1 - index];

    public void Add(byte[] name, byte[] value)
    {
        var entrySize = name.Length + value.Length + EntryOverhead;
        EvictTo(MaxSize - entrySize);
        if (entrySize > MaxSize)
        {
            // §4.4: an entry larger than the table empties it and is not added.
            return;
        }

        _entries.Add((name, value));
        Size += entrySize;
    }

    /// <summary>A dynamic table size update (§6.3); above our advertised limit it is a decoding error.</summary>
    public void Resize(int maxSize)
    {
        if (maxSize > Limit)
        {
            throw new HpackException($"table size update {maxSize} above the limit {Limit}");
        }

        MaxSize = maxSize;
        EvictTo(maxSize);
    }

    private void EvictTo(int size)
    {
        while (Size > Math.Max(size, 0) && Count > 0)
        {
            var (name, value) = _entries[_oldest];
            Size -= name.Length + value.Length + EntryOverhead;
            _entries[_oldest++] = default;
        }

        if (_oldest > 64 && _oldest * 2 > _entries.Count)
        {
            _entries.RemoveRange(0, _oldest);
            _oldest = 0;
        }
    }
}
