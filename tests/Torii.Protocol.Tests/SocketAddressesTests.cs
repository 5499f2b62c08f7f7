using System.Net;

namespace Torii.Protocol.Tests;

public sealed class SocketAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1", 0x7F000001u)]
    [InlineData("0.0.0.0", 0u)]
    [InlineData("255.255.255.255", 0xFFFFFFFFu)]
    [InlineData("10.1.2.3", 0x0A010203u)]
    [InlineData("192.168.0.1", 0xC0A80001u)]
    public void IPv4IsTheBigEndianNumberOfTheAddress(string ip, uint expected)
    {
        SocketAddress address = SocketAddresses.ToProto(new IPEndPoint(IPAddress.Parse(ip), 80));

        Assert.Equal(IpAddress.InnerOneofCase.V4, address.Ip.InnerCase);
        Assert.Equal(expected, address.Ip.V4);
        Assert.Equal(80u, address.Port);
    }

    [Theory]
    [InlineData("::1", 0UL, 1UL)]
    [InlineData("::", 0UL, 0UL)]
    [InlineData("2001:db8::1", 0x20010DB800000000UL, 1UL)]
    [InlineData("fe80::1:2:3:4", 0xFE80000000000000UL, 0x0001000200030004UL)]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", ulong.MaxValue, ulong.MaxValue)]
    public void IPv6HighIsTheFirstEightBytesAndLowTheLastEight(string ip, ulong high, ulong low)
    {
        SocketAddress address = SocketAddresses.ToProto(new IPEndPoint(IPAddress.Parse(ip), 443));

        Assert.Equal(IpAddress.InnerOneofCase.V6, address.Ip.InnerCase);
        Assert.Equal(high, address.Ip.V6.High);
        Assert.Equal(low, address.Ip.V6.Low);
    }

    [Fact]
    public void ConvertsProtoBackToTheSameEndPoint()
    {
        var v4 = new SocketAddress { Ip = new IpAddress { V4 = 0x7F000001 }, Port = 8080 };
        var v6 = new SocketAddress { Ip = new IpAddress { V6 = new Uint128 { High = 0x20010DB800000000, Low = 1 } }, Port = 8443 };

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 8080), SocketAddresses.ToEndPoint(v4));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8::1"), 8443), SocketAddresses.ToEndPoint(v6));
    }

    [Theory]
    [InlineData("127.0.0.1:8080")]
    [InlineData("0.0.0.0:1")]
    [InlineData("[::1]:8080")]
    [InlineData("[::]:65535")]
    [InlineData("[2001:db8::1]:443")]
    public void ParseThenFormatRoundTrips(string text)
    {
        Assert.Equal(text, SocketAddresses.Format(SocketAddresses.Parse(text)));
    }

    [Fact]
    public void ParsesToTheSozuRepresentation()
    {
        SocketAddress address = SocketAddresses.Parse("127.0.0.1:8080");

        Assert.Equal(new SocketAddress { Ip = new IpAddress { V4 = 0x7F000001 }, Port = 8080 }, address);
    }

    [Theory]
    [InlineData("")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:")]
    [InlineData("127.1:80")]
    [InlineData("1:80")]
    [InlineData("010.0.0.1:80")]
    [InlineData("256.0.0.1:80")]
    [InlineData("1.2.3.4.5:80")]
    [InlineData("1.2.3.4:65536")]
    [InlineData("1.2.3.4:-1")]
    [InlineData("1.2.3.4:+80")]
    [InlineData("1.2.3.4: 80")]
    [InlineData(" 1.2.3.4:80")]
    [InlineData("::1:80")]
    [InlineData("[::1]")]
    [InlineData("[::1]80")]
    [InlineData("[127.0.0.1]:80")]
    [InlineData("[fe80::1%eth0]:80")]
    [InlineData("localhost:80")]
    [InlineData(":80")]
    public void RefusesAnythingButDottedQuadOrBracketedIPv6WithAPort(string text)
    {
        Assert.False(SocketAddresses.TryParse(text, out _));
        Assert.Throws<FormatException>(() => SocketAddresses.Parse(text));
    }

    [Fact]
    public void TryParseOfNullIsFalse()
    {
        Assert.False(SocketAddresses.TryParse(null, out SocketAddress? address));
        Assert.Null(address);
    }

    [Fact]
    public void AddressWithoutIpCannotBeConverted()
    {
        Assert.Throws<FormatException>(() => SocketAddresses.ToEndPoint(new SocketAddress { Port = 80 }));
        Assert.Throws<FormatException>(() => SocketAddresses.ToEndPoint(new SocketAddress { Ip = new IpAddress { V4 = 1 } }));
        Assert.Throws<FormatException>(() => SocketAddresses.ToEndPoint(new SocketAddress { Ip = new IpAddress { V4 = 1 }, Port = 70000 }));
    }

    [Fact]
    public void ScopedIPv6AddressIsRefused()
    {
        Assert.Throws<ArgumentException>(() => SocketAddresses.ToProto(IPAddress.Parse("fe80::1%2"), 80));
    }
}
