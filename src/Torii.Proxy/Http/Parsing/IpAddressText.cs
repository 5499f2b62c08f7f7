using System.Net;

namespace Torii.Proxy.Http.Parsing;

/// <summary>Formats IP addresses as ASCII into caller buffers, without strings.</summary>
internal static class IpAddressText
{
    /// <summary>Enough for any IPv6 text with a scope id.</summary>
    public const int MaxLength = 64;

    /// <summary>
    /// Writes the address; an IPv4-mapped IPv6 address (from a dual-stack socket) is written
    /// as the IPv4 address the client really has.
    /// </summary>
    public static int Format(IPAddress address, Span<byte> destination)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            Span<byte> bytes = stackalloc byte[16];
            address.TryWriteBytes(bytes, out _);
            return FormatIPv4(bytes[12..], destination);
        }

        address.TryFormat(destination, out int written);
        return written;
    }

    public static bool IsIPv6Text(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !address.IsIPv4MappedToIPv6;

    private static int FormatIPv4(ReadOnlySpan<byte> octets, Span<byte> destination)
    {
        int written = 0;
        for (int index = 0; index < octets.Length; index++)
        {
            if (index > 0)
            {
                destination[written++] = (byte)'.';
            }

            octets[index].TryFormat(destination[written..], out int digits);
            written += digits;
        }

        return written;
    }
}
