using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Torii.Proxy.ProxyProtocol;

namespace Torii.Proxy.Backends;

/// <summary>The binary PROXY protocol header (version 2, PROXY command, TCP) sent first to a backend.</summary>
public static class ProxyProtocolV2
{
    public const int MaxLength = 16 + 36;

    public static int Write(Span<byte> destination, IPEndPoint source, IPEndPoint target)
    {
        var ipv4 = source.AddressFamily == AddressFamily.InterNetwork && target.AddressFamily == AddressFamily.InterNetwork;
        var sourceAddress = ipv4 ? source.Address : source.Address.MapToIPv6();
        var targetAddress = ipv4 ? target.Address : target.Address.MapToIPv6();
        var addressLength = ipv4 ? 4 : 16;
        ProxyV2Parser.Signature.CopyTo(destination);
        destination[12] = 0x21;
        destination[13] = ipv4 ? (byte)0x11 : (byte)0x21;
        BinaryPrimitives.WriteUInt16BigEndian(destination[14..], (ushort)((addressLength * 2) + 4));
        var offset = 16;
        sourceAddress.TryWriteBytes(destination[offset..], out _);
        offset += addressLength;
        targetAddress.TryWriteBytes(destination[offset..], out _);
        offset += addressLength;
        BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], (ushort)source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(destination[(offset + 2)..], (ushort)target.Port);
        return offset + 4;
    }
}
