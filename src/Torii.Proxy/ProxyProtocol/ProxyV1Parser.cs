using System.Net;
using System.Net.Sockets;

namespace Torii.Proxy.ProxyProtocol;

/// <summary>
/// The text header (version 1): "PROXY TCP4|TCP6 source destination sport dport\r\n", or
/// "PROXY UNKNOWN ...\r\n", at most 107 bytes with the CRLF, fields separated by one space.
/// </summary>
public static class ProxyV1Parser
{
    public const int MaxLength = 107;

    /// <summary>The longest IPv6 text, an IPv4-mapped one in dotted form ("ffff:ffff:...:255.255.255.255").</summary>
    private const int MaxIpv6TextLength = 45;

    public static ReadOnlySpan<byte> Prefix => "PROXY "u8;

    public static ProxyParseResult Parse(ReadOnlySpan<byte> data)
    {
        var window = data[..Math.Min(data.Length, MaxLength)];
        var lineFeed = window.IndexOf((byte)'\n');
        if (lineFeed < 0)
        {
            return window.Length < MaxLength
                ? ProxyParseResult.Incomplete()
                : ProxyParseResult.Invalid($"PROXY v1: no CRLF within {MaxLength} bytes");
        }

        if (lineFeed == 0 || window[lineFeed - 1] != (byte)'\r')
        {
            return ProxyParseResult.Invalid("PROXY v1: line does not end with CRLF");
        }

        var length = lineFeed + 1;
        var fields = window[Prefix.Length..(lineFeed - 1)];
        if (fields.StartsWith("UNKNOWN"u8) && (fields.Length == 7 || fields[7] == (byte)' '))
        {
            // The sender does not know the addresses (or the protocol): what follows is to be ignored.
            return ProxyParseResult.Complete(new ProxyHeader(1, length, null, null));
        }

        var family = fields.StartsWith("TCP4 "u8) ? AddressFamily.InterNetwork
            : fields.StartsWith("TCP6 "u8) ? AddressFamily.InterNetworkV6
            : AddressFamily.Unknown;
        if (family == AddressFamily.Unknown)
        {
            return ProxyParseResult.Invalid("PROXY v1: protocol is not TCP4, TCP6 or UNKNOWN");
        }

        Span<Range> parts = stackalloc Range[4];
        var rest = fields[5..];
        if (!TrySplitFour(rest, parts))
        {
            return ProxyParseResult.Invalid("PROXY v1: expected source, destination and two ports separated by single spaces");
        }

        if (!TryParseAddress(rest[parts[0]], family, out var source) || !TryParseAddress(rest[parts[1]], family, out var destination))
        {
            return ProxyParseResult.Invalid($"PROXY v1: invalid {(family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} address");
        }

        if (!TryParsePort(rest[parts[2]], out var sourcePort) || !TryParsePort(rest[parts[3]], out var destinationPort))
        {
            return ProxyParseResult.Invalid("PROXY v1: invalid port");
        }

        return ProxyParseResult.Complete(new ProxyHeader(1, length, new IPEndPoint(source, sourcePort), new IPEndPoint(destination, destinationPort)));
    }

    /// <summary>Exactly four fields separated by single spaces (an empty field fails later, as an invalid value).</summary>
    private static bool TrySplitFour(ReadOnlySpan<byte> text, Span<Range> parts)
    {
        var start = 0;
        var count = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != (byte)' ')
            {
                continue;
            }

            if (count == parts.Length)
            {
                return false;
            }

            parts[count++] = start..i;
            start = i + 1;
        }

        return count == parts.Length;
    }

    private static bool TryParseAddress(ReadOnlySpan<byte> text, AddressFamily family, out IPAddress address)
    {
        address = IPAddress.None;
        return family == AddressFamily.InterNetwork ? TryParseIpv4(text, out address) : TryParseIpv6(text, out address);
    }

    /// <summary>Exactly four dotted decimal bytes: the platform parser would also take "1" or "0x7f.1".</summary>
    private static bool TryParseIpv4(ReadOnlySpan<byte> text, out IPAddress address)
    {
        address = IPAddress.None;
        Span<byte> bytes = stackalloc byte[4];
        var index = 0;
        var value = 0;
        var digits = 0;
        foreach (var c in text)
        {
            if (c == (byte)'.')
            {
                if (digits == 0 || index == 3)
                {
                    return false;
                }

                bytes[index++] = (byte)value;
                (value, digits) = (0, 0);
            }
            else if (char.IsAsciiDigit((char)c) && digits < 3)
            {
                value = (value * 10) + (c - '0');
                digits++;
                if (value > 255)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }

        if (digits == 0 || index != 3)
        {
            return false;
        }

        bytes[3] = (byte)value;
        address = new IPAddress(bytes);
        return true;
    }

    private static bool TryParseIpv6(ReadOnlySpan<byte> text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.IsEmpty || text.Length > MaxIpv6TextLength || text.IndexOf((byte)':') < 0)
        {
            return false;
        }

        Span<char> chars = stackalloc char[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var c = (char)text[i];
            if (!char.IsAsciiHexDigit(c) && c is not (':' or '.'))
            {
                // No zone ("%eth0"), brackets or prefix length: an address and nothing else.
                return false;
            }

            chars[i] = c;
        }

        if (!IPAddress.TryParse(chars, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        address = parsed;
        return true;
    }

    private static bool TryParsePort(ReadOnlySpan<byte> text, out int port)
    {
        port = 0;
        if (text.IsEmpty || text.Length > 5)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit((char)c))
            {
                return false;
            }

            port = (port * 10) + (c - '0');
        }

        return port <= 65535;
    }
}
