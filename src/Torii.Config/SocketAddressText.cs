using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Torii.Protocol;
using SocketAddress = Torii.Protocol.SocketAddress;

namespace Torii.Config;

/// <summary>
/// Converts between "IP:PORT" / "[IPv6]:PORT" text, <see cref="IPEndPoint"/> and the protocol's
/// <see cref="SocketAddress"/> (v4 as a big-endian number; v6 as big-endian high and low halves).
/// </summary>
public static class SocketAddressText
{
    /// <summary>Parses "IP:PORT" or "[IPv6]:PORT"; host names are not accepted.</summary>
    /// <exception cref="FormatException">The text is not an IP address and port, or the port is above 65535.</exception>
    public static IPEndPoint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (host, port) = Split(text);
        var address = text.StartsWith('[') ? ParseIPv6(host, text) : ParseIPv4(host, text);
        return new IPEndPoint(address, ParsePort(port, text));
    }

    public static SocketAddress ToProto(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var bytes = endPoint.Address.GetAddressBytes();
        var ip = endPoint.AddressFamily == AddressFamily.InterNetwork
            ? new IpAddress { V4 = BinaryPrimitives.ReadUInt32BigEndian(bytes) }
            : new IpAddress
            {
                V6 = new Uint128
                {
                    High = BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(0, 8)),
                    Low = BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(8, 8)),
                },
            };
        return new SocketAddress { Ip = ip, Port = (uint)endPoint.Port };
    }

    /// <exception cref="ArgumentException">The address has no IP or its port is above 65535.</exception>
    public static IPEndPoint FromProto(SocketAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Port > IPEndPoint.MaxPort)
        {
            throw new ArgumentException($"port {address.Port} is above {IPEndPoint.MaxPort}", nameof(address));
        }

        var ip = address.Ip?.InnerCase switch
        {
            IpAddress.InnerOneofCase.V4 => V4(address.Ip.V4),
            IpAddress.InnerOneofCase.V6 => V6(address.Ip.V6),
            _ => throw new ArgumentException("the socket address has no IP address", nameof(address)),
        };
        return new IPEndPoint(ip, (int)address.Port);
    }

    /// <summary>"1.2.3.4:80" or "[::1]:80".</summary>
    public static string Format(SocketAddress address) => FromProto(address).ToString();

    private static IPAddress V4(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes);
    }

    private static IPAddress V6(Uint128 value)
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(0, 8), value.High);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(8, 8), value.Low);
        return new IPAddress(bytes);
    }

    private static (string Host, string Port) Split(string text)
    {
        if (text.StartsWith('['))
        {
            var close = text.IndexOf("]:", StringComparison.Ordinal);
            return close < 0
                ? throw Invalid(text, "expected [IPv6]:PORT")
                : (text[1..close], text[(close + 2)..]);
        }

        var colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            throw Invalid(text, "expected IP:PORT or [IPv6]:PORT");
        }

        var host = text[..colon];
        return host.Contains(':', StringComparison.Ordinal)
            ? throw Invalid(text, "an IPv6 address must be written in brackets, as [IPv6]:PORT")
            : (host, text[(colon + 1)..]);
    }

    // IPAddress.TryParse also takes shorthand such as "127.1"; only the four-part dotted form is meant here.
    private static IPAddress ParseIPv4(string host, string text)
    {
        var parts = host.Split('.');
        if (parts.Length != 4 || !parts.All(IsOctet))
        {
            throw Invalid(text, "expected an IPv4 address as four numbers from 0 to 255 (IP:PORT)");
        }

        return new IPAddress(parts.Select(part => byte.Parse(part, CultureInfo.InvariantCulture)).ToArray());
    }

    private static bool IsOctet(string part) =>
        part.Length is >= 1 and <= 3 && part.All(char.IsAsciiDigit) && int.Parse(part, CultureInfo.InvariantCulture) <= 255;

    // A scope id (%eth0) has no place in the protocol's address, so it is refused rather than dropped.
    private static IPAddress ParseIPv6(string host, string text) =>
        !host.Contains('%', StringComparison.Ordinal) && IPAddress.TryParse(host, out var address)
        && address.AddressFamily == AddressFamily.InterNetworkV6
            ? address
            : throw Invalid(text, "expected an IPv6 address inside the brackets");

    private static int ParsePort(string port, string text)
    {
        if (port.Length is 0 or > 5 || !port.All(char.IsAsciiDigit))
        {
            throw Invalid(text, "expected a port number after the last ':'");
        }

        var value = int.Parse(port, CultureInfo.InvariantCulture);
        return value <= IPEndPoint.MaxPort
            ? value
            : throw Invalid(text, $"port {value} is out of range (0-{IPEndPoint.MaxPort})");
    }

    private static FormatException Invalid(string text, string reason) => new($"invalid address '{text}': {reason}");
}
