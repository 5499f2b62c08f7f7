using System.Buffers.Binary;
using System.Net;

namespace Torii.Proxy.ProxyProtocol;

/// <summary>
/// The binary header (version 2): signature, version and command, address family and transport, a
/// big-endian length, then the addresses and optional TLVs, which are skipped.
/// </summary>
public static class ProxyV2Parser
{
    public const int FixedLength = 16;

    /// <summary>
    /// The largest header accepted. The format allows 64 KiB of TLVs; load balancers send a few dozen
    /// bytes of them, and a stranger claiming more must not make the proxy buffer it.
    /// </summary>
    public const int MaxLength = 2048;

    private const int CommandLocal = 0x0;
    private const int CommandProxy = 0x1;
    private const int FamilyUnspecified = 0x0;
    private const int FamilyInet = 0x1;
    private const int FamilyInet6 = 0x2;
    private const int FamilyUnix = 0x3;
    private const int TransportDatagram = 0x2;
    private const int Inet4AddressesLength = 12;
    private const int Inet6AddressesLength = 36;
    private const int UnixAddressesLength = 216;

    public static ReadOnlySpan<byte> Signature => [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];

    public static ProxyParseResult Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length < FixedLength)
        {
            return ProxyParseResult.Incomplete(FixedLength);
        }

        if (data[12] >> 4 != 2)
        {
            return ProxyParseResult.Invalid($"PROXY v2: unknown version {data[12] >> 4}");
        }

        var command = data[12] & 0x0F;
        var family = data[13] >> 4;
        var transport = data[13] & 0x0F;
        var total = FixedLength + BinaryPrimitives.ReadUInt16BigEndian(data[14..]);
        if (total > MaxLength)
        {
            return ProxyParseResult.Invalid($"PROXY v2: header of {total} bytes is larger than {MaxLength}");
        }

        if (data.Length < total)
        {
            return ProxyParseResult.Incomplete(total);
        }

        if (command is not (CommandLocal or CommandProxy))
        {
            return ProxyParseResult.Invalid($"PROXY v2: unknown command {command}");
        }

        if (family > FamilyUnix || transport > TransportDatagram)
        {
            return ProxyParseResult.Invalid($"PROXY v2: unknown address family {family} or transport {transport}");
        }

        var addresses = data[FixedLength..total];
        var needed = family switch
        {
            FamilyInet => Inet4AddressesLength,
            FamilyInet6 => Inet6AddressesLength,
            FamilyUnix => UnixAddressesLength,
            _ => 0,
        };
        if (addresses.Length < needed)
        {
            return ProxyParseResult.Invalid($"PROXY v2: {addresses.Length} bytes of addresses, family {family} needs {needed}");
        }

        // LOCAL: the load balancer's own connection (a health check); its real address stands.
        if (command == CommandLocal || family is FamilyUnspecified or FamilyUnix)
        {
            return ProxyParseResult.Complete(new ProxyHeader(2, total, null, null));
        }

        var size = family == FamilyInet ? 4 : 16;
        var source = new IPEndPoint(new IPAddress(addresses[..size]), BinaryPrimitives.ReadUInt16BigEndian(addresses[(2 * size)..]));
        var destination = new IPEndPoint(new IPAddress(addresses[size..(2 * size)]), BinaryPrimitives.ReadUInt16BigEndian(addresses[((2 * size) + 2)..]));
        return ProxyParseResult.Complete(new ProxyHeader(2, total, source, destination));
    }
}
