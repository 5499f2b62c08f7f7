using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Torii.Proxy.Logging;

/// <summary>
/// Writes key=value fields into a fixed line; a field that does not fit is cut, never overflowing.
/// Every byte outside printable ASCII, space included, becomes '?': a value can neither start another
/// field nor end the line.
/// </summary>
internal ref struct AsciiLineWriter(Span<byte> line)
{
    private readonly Span<byte> _line = line;
    private int _position;

    public void Timestamp(DateTime time)
    {
        if (Utf8Formatter.TryFormat(time, _line[_position..], out var written, new StandardFormat('O')))
        {
            _position += written;
        }
    }

    public void Field(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        Append(name);
        if (value.IsEmpty)
        {
            Append("-"u8);
            return;
        }

        foreach (var b in value)
        {
            if (_position >= _line.Length - 1)
            {
                return;
            }

            _line[_position++] = IsPrintable(b) ? b : (byte)'?';
        }
    }

    public void Field(ReadOnlySpan<byte> name, string? value)
    {
        Append(name);
        if (string.IsNullOrEmpty(value))
        {
            Append("-"u8);
            return;
        }

        if (Encoding.UTF8.TryGetBytes(value, _line[_position..^1], out var written))
        {
            foreach (ref var b in _line.Slice(_position, written))
            {
                b = IsPrintable(b) ? b : (byte)'?';
            }

            _position += written;
        }
    }

    public void Address(ReadOnlySpan<byte> name, IPEndPoint? address)
    {
        Append(name);
        if (address is null)
        {
            Append("-"u8);
            return;
        }

        var ipv6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        if (ipv6)
        {
            Append("["u8);
        }

        if (address.Address.TryFormat(_line[_position..^1], out var written))
        {
            _position += written;
        }

        Append(ipv6 ? "]:"u8 : ":"u8);
        if (Utf8Formatter.TryFormat(address.Port, _line[_position..^1], out written))
        {
            _position += written;
        }
    }

    public void Number(ReadOnlySpan<byte> name, long value)
    {
        Append(name);
        if (Utf8Formatter.TryFormat(value, _line[_position..^1], out var written))
        {
            _position += written;
        }
    }

    public int EndLine()
    {
        _line[_position++] = (byte)'\n';
        return _position;
    }

    private static bool IsPrintable(byte b) => b is > 0x20 and < 0x7F;

    private void Append(ReadOnlySpan<byte> bytes)
    {
        var room = Math.Min(bytes.Length, _line.Length - 1 - _position);
        bytes[..room].CopyTo(_line[_position..]);
        _position += room;
    }
}
