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

    public static SocketAddress ToProto(IPEndPoint endPoint) => SocketAddresses.ToProto(endPoint);

    public static IPEndPoint FromProto(SocketAddress address) => SocketAddresses.ToEndPoint(address);

    public static string Format(SocketAddress address) => SocketAddresses.Format(address);

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
