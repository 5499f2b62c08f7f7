using System.Net;

namespace Torii.Proxy.LoadBalancing;

/// <summary>
/// The key HRW and MAGLEV place a request or connection by: the client's IP address (not its port,
/// so every connection of a client goes to the same backend), or a request header's value.
/// </summary>
public static class BalancingKey
{
    private const ulong HeaderSeed = 0x9E3779B97F4A7C15UL;

    public static ulong Of(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        return address.TryWriteBytes(bytes, out int written) ? StableHash.Of(bytes[..written]) : 0;
    }

    /// <summary>A header value's key; seeded apart from addresses so a header "1.2.3.4" and that client differ by design, not by accident.</summary>
    public static ulong Of(ReadOnlySpan<byte> headerValue) => StableHash.Of(headerValue, HeaderSeed);
}
