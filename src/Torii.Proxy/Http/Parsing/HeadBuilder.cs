using System.Net;
using System.Text;

namespace Torii.Proxy.Http.Parsing;

/// <summary>Appends head text to a span sized in advance for the whole head.</summary>
internal ref struct HeadBuilder(Span<byte> destination)
{
    private readonly Span<byte> _destination = destination;
    private int _written;

    public readonly int Written => _written;

    public void Append(scoped ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_destination[_written..]);
        _written += bytes.Length;
    }

    public void AppendAscii(string text) => _written += Encoding.ASCII.GetBytes(text, _destination[_written..]);

    public void AppendLine(scoped ReadOnlySpan<byte> bytes)
    {
        Append(bytes);
        AppendCrlf();
    }

    public void AppendCrlf() => Append("\r\n"u8);

    public void AppendHeader(scoped ReadOnlySpan<byte> name, scoped ReadOnlySpan<byte> value)
    {
        Append(name);
        Append(": "u8);
        AppendLine(value);
    }

    public void AppendNumber(int value)
    {
        value.TryFormat(_destination[_written..], out int digits);
        _written += digits;
    }

    public void AppendAddress(IPAddress address) => _written += IpAddressText.Format(address, _destination[_written..]);

    /// <summary>Appends the non-empty values of every <paramref name="known"/> header, comma-separated.</summary>
    /// <param name="includeNamedByConnection">Whether headers the sender named in Connection count too.</param>
    /// <returns>Whether anything was appended.</returns>
    public bool AppendValuesOf(HttpHead head, KnownHeader known, bool includeNamedByConnection)
    {
        bool any = false;
        for (int index = 0; index < head.HeaderCount; index++)
        {
            ref readonly var header = ref head.GetHeader(index);
            if (header.Known != known || header.ValueLength == 0 || (header.IsNamedByConnection && !includeNamedByConnection))
            {
                continue;
            }

            if (any)
            {
                Append(", "u8);
            }

            Append(head.GetHeaderValue(index));
            any = true;
        }

        return any;
    }

    /// <summary>RFC 7239 node: an IPv6 address must be bracketed, and so quoted.</summary>
    public void AppendForwardedNode(IPAddress address)
    {
        if (!IpAddressText.IsIPv6Text(address))
        {
            AppendAddress(address);
            return;
        }

        Append("\"["u8);
        AppendAddress(address);
        Append("]\""u8);
    }
}
