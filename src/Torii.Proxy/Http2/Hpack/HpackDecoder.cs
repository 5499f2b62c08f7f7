using System.Buffers;

namespace Torii.Proxy.Http2.Hpack;

/// <summary>
/// Decodes header blocks (RFC 7541 §6) with one dynamic table per connection. The decoded list is
/// bounded as it is produced: each field costs its name, value and 32 octets against the header
/// list size (RFC 9113 §6.5.2), and the number of fields is capped, so a small block of indexed
/// references cannot expand into an unbounded list.
/// </summary>
public sealed class HpackDecoder(int tableSize, int maxHeaderListSize, int maxFields)
{
    private readonly DynamicTable _table = new(tableSize);
    private readonly ArrayBufferWriter<byte> _name = new(256);
    private readonly ArrayBufferWriter<byte> _value = new(1024);

    public DynamicTable Table => _table;

    public void Decode(ReadOnlySpan<byte> block, IHeaderSink sink)
    {
        var position = 0;
        var listSize = 0;
        var fields = 0;
        var fieldSeen = false;
        while (position < block.Length)
        {
            var first = block[position];
            ReadOnlySpan<byte> name;
            ReadOnlySpan<byte> value;
            if ((first & 0x80) != 0)
            {
                var entry = Lookup(HpackInteger.Read(block, ref position, 7));
                name = entry.Name;
                value = entry.Value;
            }
            else if ((first & 0xE0) == 0x20)
            {
                // §4.2: a size update is allowed only at the start of a block.
                if (fieldSeen)
                {
                    throw new HpackException("dynamic table size update after a field");
                }

                _table.Resize(HpackInteger.Read(block, ref position, 5));
                continue;
            }
            else
            {
                var indexed = (first & 0xC0) == 0x40;
                var nameIndex = HpackInteger.Read(block, ref position, indexed ? 6 : 4);
                name = nameIndex == 0 ? ReadString(block, ref position, _name) : Lookup(nameIndex).Name;
                value = ReadString(block, ref position, _value);
                if (indexed)
                {
                    var nameCopy = name.ToArray();
                    var valueCopy = value.ToArray();
                    _table.Add(nameCopy, valueCopy);
                    name = nameCopy;
                    value = valueCopy;
                }
            }

            fieldSeen = true;
            listSize += name.Length + value.Length + DynamicTable.EntryOverhead;
            if (listSize > maxHeaderListSize)
            {
                throw new HeaderListLimitException(false, $"header list above {maxHeaderListSize} octets");
            }

            if (++fields > maxFields)
            {
                throw new HeaderListLimitException(true, $"more than {maxFields} header fields");
            }

            sink.OnHeader(name, value);
        }
    }

    private (byte[] Name, byte[] Value) Lookup(int index)
    {
        if (index == 0)
        {
            throw new HpackException("index 0");
        }

        if (index <= StaticTable.Count)
        {
            return StaticTable.Get(index);
        }

        var dynamicIndex = index - StaticTable.Count - 1;
        if (dynamicIndex >= _table.Count)
        {
            throw new HpackException($"index {index} beyond the tables");
        }

        return _table.Get(dynamicIndex);
    }

    private static ReadOnlySpan<byte> ReadString(ReadOnlySpan<byte> block, scoped ref int position, ArrayBufferWriter<byte> scratch)
    {
        if (position >= block.Length)
        {
            throw new HpackException("string truncated");
        }

        var huffman = (block[position] & 0x80) != 0;
        var length = HpackInteger.Read(block, ref position, 7);
        if (length > block.Length - position)
        {
            throw new HpackException("string longer than the block");
        }

        var raw = block.Slice(position, length);
        position += length;
        if (!huffman)
        {
            return raw;
        }

        scratch.ResetWrittenCount();
        HuffmanDecoder.Decode(raw, scratch, int.MaxValue);
        return scratch.WrittenSpan;
    }
}
