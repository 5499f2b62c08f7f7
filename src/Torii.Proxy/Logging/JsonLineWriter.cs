using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Torii.Proxy.Logging;

/// <summary>
/// Writes one JSON object on one line. Strings are escaped as RFC 8259 requires (quote, backslash,
/// every control character, DEL), and bytes that are not valid UTF-8 become U+FFFD, so whatever a
/// client sends stays inside its own string. Each value is cut to <see cref="MaxValueBytes"/> input
/// bytes; a line that still runs out of room has its last values cut or left out, and stays valid JSON.
/// </summary>
internal ref struct JsonLineWriter(Span<byte> line)
{
    public const int MaxValueBytes = 1024;

    /// <summary>Room for the longest values a client controls (path, host, user agent), each input byte escaped to six.</summary>
    public const int MaxLineLength = 32 * 1024;

    /// <summary>Kept free at all times for the closing quote, brace and newline.</summary>
    private const int EndReserve = 3;

    /// <summary>The most a non-string value (number, timestamp, address) takes.</summary>
    private const int MaxScalarLength = 64;

    /// <summary>Bytes written as they are: printable ASCII but the quote and the backslash.</summary>
    private static readonly SearchValues<byte> Plain = SearchValues.Create(
        [.. Enumerable.Range(0x20, 0x7F - 0x20).Where(b => b is not ('"' or '\\')).Select(b => (byte)b)]);

    private readonly Span<byte> _line = line;
    private int _position;
    private bool _first = true;

    public void Begin() => _line[_position++] = (byte)'{';

    public int End()
    {
        _line[_position++] = (byte)'}';
        _line[_position++] = (byte)'\n';
        return _position;
    }

    public void Timestamp(ReadOnlySpan<byte> name, DateTime time)
    {
        if (!Name(name))
        {
            return;
        }

        _line[_position++] = (byte)'"';
        if (Utf8Formatter.TryFormat(time, _line[_position..], out var written, new StandardFormat('O')))
        {
            _position += written;
        }

        _line[_position++] = (byte)'"';
    }

    /// <summary>A string from raw request bytes; nothing when empty.</summary>
    public void String(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            return;
        }

        if (Name(name))
        {
            Quoted(value.Length > MaxValueBytes ? value[..MaxValueBytes] : value);
        }
    }

    public void String(ReadOnlySpan<byte> name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        Span<byte> bytes = stackalloc byte[MaxValueBytes];
        Encoding.UTF8.TryGetBytes(value.AsSpan(0, Math.Min(value.Length, MaxValueBytes / 3)), bytes, out var written);
        if (Name(name))
        {
            Quoted(bytes[..written]);
        }
    }

    public void Address(ReadOnlySpan<byte> name, IPEndPoint? address)
    {
        if (address is null || !Name(name))
        {
            return;
        }

        _line[_position++] = (byte)'"';
        var ipv6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        if (ipv6)
        {
            _line[_position++] = (byte)'[';
        }

        address.Address.TryFormat(_line[_position..], out var written);
        _position += written;
        _line[_position++] = ipv6 ? (byte)']' : (byte)':';
        if (ipv6)
        {
            _line[_position++] = (byte)':';
        }

        Utf8Formatter.TryFormat(address.Port, _line[_position..], out written);
        _position += written;
        _line[_position++] = (byte)'"';
    }

    public void Number(ReadOnlySpan<byte> name, long value)
    {
        if (!Name(name))
        {
            return;
        }

        Utf8Formatter.TryFormat(value, _line[_position..], out var written);
        _position += written;
    }

    /// <summary>Writes the field's name, or nothing and false when the line has no room left for the field.</summary>
    private bool Name(ReadOnlySpan<byte> name)
    {
        if (!Fits(name.Length + 4 + MaxScalarLength))
        {
            return false;
        }

        if (!_first)
        {
            _line[_position++] = (byte)',';
        }

        _first = false;
        _line[_position++] = (byte)'"';
        name.CopyTo(_line[_position..]);
        _position += name.Length;
        _line[_position++] = (byte)'"';
        _line[_position++] = (byte)':';
        return true;
    }

    private readonly bool Fits(int length) => _position + length + EndReserve <= _line.Length;

    private void Quoted(scoped ReadOnlySpan<byte> value)
    {
        _line[_position++] = (byte)'"';
        while (!value.IsEmpty && Fits(8))
        {
            // Most values are plain ASCII: copy the run that needs no escape at once.
            var run = value.IndexOfAnyExcept(Plain);
            run = Math.Min(run < 0 ? value.Length : run, _line.Length - EndReserve - 1 - _position);
            if (run > 0)
            {
                value[..run].CopyTo(_line[_position..]);
                _position += run;
                value = value[run..];
                continue;
            }

            var b = value[0];
            if (b >= 0x80)
            {
                if (Rune.DecodeFromUtf8(value, out _, out var consumed) == OperationStatus.Done)
                {
                    value[..consumed].CopyTo(_line[_position..]);
                    _position += consumed;
                }
                else
                {
                    Append("\\ufffd"u8);
                }

                value = value[Math.Max(consumed, 1)..];
                continue;
            }

            switch (b)
            {
                case (byte)'"':
                    Append("\\\""u8);
                    break;
                case (byte)'\\':
                    Append("\\\\"u8);
                    break;
                case < 0x20 or 0x7F:
                    Append("\\u00"u8);
                    _line[_position++] = HexDigit(b >> 4);
                    _line[_position++] = HexDigit(b & 0xF);
                    break;
                default:
                    _line[_position++] = b;
                    break;
            }

            value = value[1..];
        }

        _line[_position++] = (byte)'"';
    }

    private static byte HexDigit(int value) => (byte)"0123456789abcdef"[value];

    private void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_line[_position..]);
        _position += bytes.Length;
    }
}
