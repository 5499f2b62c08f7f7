using System.Net;
using Torii.Protocol;
using SocketAddress = Torii.Protocol.SocketAddress;

namespace Torii.Connectors.Web.Proxy;

/// <summary>The protocol's SocketAddress as "IP:PORT" text and back, for pages and forms.</summary>
internal static class SocketAddressText
{
    public static string Format(SocketAddress? address)
    {
        if (address?.Ip is null)
        {
            return "";
        }

        IPAddress ip = address.Ip.InnerCase == IpAddress.InnerOneofCase.V4
            ? new IPAddress([(byte)(address.Ip.V4 >> 24), (byte)(address.Ip.V4 >> 16), (byte)(address.Ip.V4 >> 8), (byte)address.Ip.V4])
            : new IPAddress(V6Bytes(address.Ip.V6));
        return new IPEndPoint(ip, (int)address.Port).ToString();
    }

    public static bool TryParse(string? text, out SocketAddress address)
    {
        address = new SocketAddress();
        if (text is null || !Torii.Connectors.Settings.EndPointText.TryParse(text.Trim(), out IPEndPoint? endPoint))
        {
            return false;
        }

        byte[] bytes = endPoint.Address.GetAddressBytes();
        address.Port = (uint)endPoint.Port;
        address.Ip = bytes.Length == 4
            ? new IpAddress { V4 = ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3] }
            : new IpAddress { V6 = new Uint128 { High = BigEndian(bytes, 0), Low = BigEndian(bytes, 8) } };
        return true;
    }

    private static ulong BigEndian(byte[] bytes, int start) =>
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(start, 8));

    private static byte[] V6Bytes(Uint128 value)
    {
        var bytes = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(0, 8), value.High);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(8, 8), value.Low);
        return bytes;
    }
}
