using System.Net;
using Torii.Protocol;
using SocketAddress = Torii.Protocol.SocketAddress;

namespace Torii.Config.Tests.Config;

public sealed class SocketAddressTextTests
{
    [Fact]
    public void IPv4_becomes_a_big_endian_number()
    {
        var proto = SocketAddressText.ToProto(SocketAddressText.Parse("127.0.0.1:8080"));

        Assert.Equal(0x7F000001u, proto.Ip.V4);
        Assert.Equal(8080u, proto.Port);
    }

    [Fact]
    public void IPv6_splits_into_big_endian_high_and_low_halves()
    {
        var proto = SocketAddressText.ToProto(SocketAddressText.Parse("[2001:db8::1:2]:443"));

        Assert.Equal(IpAddress.InnerOneofCase.V6, proto.Ip.InnerCase);
        Assert.Equal(0x20010DB800000000ul, proto.Ip.V6.High);
        Assert.Equal(0x0000000000010002ul, proto.Ip.V6.Low);
        Assert.Equal(443u, proto.Port);
    }

    [Theory]
    [InlineData("0.0.0.0:80")]
    [InlineData("255.255.255.255:65535")]
    [InlineData("[::]:1")]
    [InlineData("[::ffff:10.0.0.1]:8080")]
    [InlineData("[fe80::1:2:3:4]:9000")]
    public void Round_trips_through_the_protocol(string text)
    {
        var endPoint = SocketAddressText.Parse(text);
        var proto = SocketAddressText.ToProto(endPoint);

        Assert.Equal(endPoint, SocketAddressText.FromProto(proto));
        Assert.Equal(text, SocketAddressText.Format(proto));
    }

    [Theory]
    [InlineData("localhost:80", "four numbers")]
    [InlineData("127.1:80", "four numbers")]
    [InlineData("256.0.0.1:80", "four numbers")]
    [InlineData("127.0.0.1", "expected IP:PORT")]
    [InlineData("127.0.0.1:", "expected a port number")]
    [InlineData("127.0.0.1:http", "expected a port number")]
    [InlineData("127.0.0.1:65536", "port 65536 is out of range")]
    [InlineData("::1:80", "must be written in brackets")]
    [InlineData("[::1]", "expected [IPv6]:PORT")]
    [InlineData("[127.0.0.1]:80", "expected an IPv6 address")]
    [InlineData("[fe80::1%eth0]:80", "expected an IPv6 address")]
    public void Rejects_what_is_not_an_ip_and_port(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => SocketAddressText.Parse(text));

        Assert.Contains(reason, error.Message);
        Assert.Contains(text, error.Message);
    }

    [Fact]
    public void FromProto_rejects_an_address_without_ip()
    {
        var error = Assert.Throws<FormatException>(() => SocketAddressText.FromProto(new SocketAddress { Port = 80 }));
        Assert.Contains("no IP address", error.Message);
    }

    [Fact]
    public void FromProto_reads_v4()
    {
        var address = new SocketAddress { Ip = new IpAddress { V4 = 0x0A000102 }, Port = 3000 };

        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.0.1.2"), 3000), SocketAddressText.FromProto(address));
    }
}
