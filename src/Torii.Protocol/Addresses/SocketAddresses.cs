using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Torii.Protocol;

/// <summary>
/// Conversions between the protocol's <see cref="SocketAddress"/> and
/// <see cref="IPEndPoint"/> or text ("127.0.0.1:8080", "[::1]:8080").
/// </summary>
public static class SocketAddresses
{
    private const int MaxTextLength = 64;

    public static SocketAddress ToProto(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        return ToProto(endPoint.Address, endPoint.Port);
    }

    public static SocketAddress ToProto(IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        return new SocketAddress { Ip = ToProto(address), Port = (uint)port };
    }

    public static IpAddress ToProto(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out int written))
        {
            throw new ArgumentException($"address {address} cannot be written as bytes", nameof(address));
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork when written == 4 =>
                new IpAddress { V4 = BinaryPrimitives.ReadUInt32BigEndian(bytes) },
            AddressFamily.InterNetworkV6 when address.ScopeId == 0 => new IpAddress
            {
                V6 = new Uint128
                {
                    High = BinaryPrimitives.ReadUInt64BigEndian(bytes[..8]),
                    Low = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..16]),
                },
            },
            AddressFamily.InterNetworkV6 =>
                throw new ArgumentException($"address {address} has a scope id, which the protocol cannot carry", nameof(address)),
            _ => throw new ArgumentException($"address family {address.AddressFamily} is not IPv4 or IPv6", nameof(address)),
        };
    }

    /// <exception cref="FormatException">The address has no IP or its port is not 0..65535.</exception>
    public static IPEndPoint ToEndPoint(SocketAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!address.HasPort || address.Port > IPEndPoint.MaxPort)
        {
            throw new FormatException(address.HasPort
                ? $"port {address.Port} is outside 0..65535"
                : "the socket address has no port");
        }

        return new IPEndPoint(ToIPAddress(address.Ip), (int)address.Port);
    }

    /// <exception cref="FormatException">Neither v4 nor v6 is set.</exception>
    public static IPAddress ToIPAddress(IpAddress? address)
    {
        switch (address?.InnerCase)
        {
            case IpAddress.InnerOneofCase.V4:
            {
                Span<byte> bytes = stackalloc byte[4];
                BinaryPrimitives.WriteUInt32BigEndian(bytes, address.V4);
                return new IPAddress(bytes);
            }

            case IpAddress.InnerOneofCase.V6:
            {
                Span<byte> bytes = stackalloc byte[16];
                BinaryPrimitives.WriteUInt64BigEndian(bytes[..8], address.V6.High);
                BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], address.V6.Low);
                return new IPAddress(bytes);
            }

            default:
                throw new FormatException("the socket address has no IP address");
        }
    }

    /// <summary>"127.0.0.1:8080" or "[::1]:8080".</summary>
    public static string Format(SocketAddress address) => ToEndPoint(address).ToString();

    /// <exception cref="FormatException">The text is not "IPv4:port" or "[IPv6]:port".</exception>
    public static SocketAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out SocketAddress? address)
            ? address
            : throw new FormatException($"\"{Printable(text)}\" is not an address of the form 1.2.3.4:port or [::1]:port");
    }

    /// <summary>
    /// Accepts only dotted-quad IPv4 or bracketed IPv6 (no scope id), each with an explicit
    /// port 0..65535; the shorthand forms IPAddress accepts ("127.1") are refused.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out SocketAddress? address)
    {
        address = null;
        if (string.IsNullOrEmpty(text) || text.Length > MaxTextLength)
        {
            return false;
        }

        int portSeparator = text.LastIndexOf(':');
        if (portSeparator <= 0 || !TryParsePort(text.AsSpan(portSeparator + 1), out int port))
        {
            return false;
        }

        ReadOnlySpan<char> host = text.AsSpan(0, portSeparator);
        IPAddress? ip = host[0] == '['
            ? ParseBracketedIPv6(host)
            : ParseDottedQuad(host);
        if (ip is null)
        {
            return false;
        }

        address = ToProto(ip, port);
        return true;
    }

    private static bool TryParsePort(ReadOnlySpan<char> text, out int port)
    {
        port = 0;
        if (text.IsEmpty || text.Length > 5)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        port = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return port <= IPEndPoint.MaxPort;
    }

    private static IPAddress? ParseBracketedIPv6(ReadOnlySpan<char> host)
    {
        if (host.Length < 3 || host[^1] != ']')
        {
            return null;
        }

        ReadOnlySpan<char> inner = host[1..^1];
        foreach (char c in inner)
        {
            if (!(char.IsAsciiHexDigit(c) || c == ':' || c == '.'))
            {
                return null;
            }
        }

        return IPAddress.TryParse(inner, out IPAddress? ip) && ip.AddressFamily == AddressFamily.InterNetworkV6
            ? ip
            : null;
    }

    private static IPAddress? ParseDottedQuad(ReadOnlySpan<char> host)
    {
        Span<byte> octets = stackalloc byte[4];
        int index = 0;
        foreach (Range part in host.Split('.'))
        {
            ReadOnlySpan<char> digits = host[part];
            if (index == 4 || !TryParseOctet(digits, out octets[index]))
            {
                return null;
            }

            index++;
        }

        return index == 4 ? new IPAddress(octets) : null;
    }

    // Leading zeros are refused because some parsers read them as octal.
    private static bool TryParseOctet(ReadOnlySpan<char> digits, out byte octet)
    {
        octet = 0;
        if (digits.IsEmpty || digits.Length > 3 || (digits.Length > 1 && digits[0] == '0'))
        {
            return false;
        }

        int value = 0;
        foreach (char c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        if (value > byte.MaxValue)
        {
            return false;
        }

        octet = (byte)value;
        return true;
    }

    private static string Printable(string text)
    {
        string shortened = text.Length > MaxTextLength ? text[..MaxTextLength] + "…" : text;
        return string.Create(shortened.Length, shortened, static (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }
}
