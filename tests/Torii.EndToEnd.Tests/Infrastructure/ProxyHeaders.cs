using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>PROXY protocol headers as a load balancer sends them (haproxy's proxy-protocol.txt), written here independently of the proxy's code.</summary>
public static class ProxyHeaders
{
    public static readonly byte[] V2Signature = [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];

    public static byte[] V1(string source, string destination, int sourcePort = 51000, int destinationPort = 80)
    {
        var protocol = IPAddress.Parse(source).AddressFamily == AddressFamily.InterNetwork ? "TCP4" : "TCP6";
        return Encoding.ASCII.GetBytes($"PROXY {protocol} {source} {destination} {sourcePort} {destinationPort}\r\n");
    }

    public static byte[] V1Unknown() => "PROXY UNKNOWN\r\n"u8.ToArray();

    /// <summary>A v2 PROXY command over TCP, with one TLV (an authority) the proxy must skip.</summary>
    public static byte[] V2(string source, string destination, int sourcePort = 51000, int destinationPort = 80)
    {
        var from = IPAddress.Parse(source);
        var to = IPAddress.Parse(destination);
        var ipv4 = from.AddressFamily == AddressFamily.InterNetwork;
        var addresses = new List<byte>();
        addresses.AddRange(from.GetAddressBytes());
        addresses.AddRange(to.GetAddressBytes());
        addresses.AddRange(Port(sourcePort));
        addresses.AddRange(Port(destinationPort));
        addresses.AddRange([0x02, 0x00, 0x08, .. "app.test"u8]);
        return V2Frame(0x21, ipv4 ? (byte)0x11 : (byte)0x21, [.. addresses]);
    }

    /// <summary>A v2 LOCAL command: the load balancer's own connection (a health check).</summary>
    public static byte[] V2Local() => V2Frame(0x20, 0x00, []);

    /// <summary>A v2 header that claims more bytes than any load balancer sends.</summary>
    public static byte[] V2Oversized()
    {
        var header = V2Frame(0x21, 0x11, new byte[12]);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(14), 60_000);
        return header;
    }

    public static byte[] V2Frame(byte versionCommand, byte familyTransport, byte[] body) =>
        [.. V2Signature, versionCommand, familyTransport, .. Port(body.Length), .. body];

    private static byte[] Port(int value) => [(byte)(value >> 8), (byte)value];
}
