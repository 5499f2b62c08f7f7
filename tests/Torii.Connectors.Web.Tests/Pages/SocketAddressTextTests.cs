using Torii.Connectors.Web.Proxy;
using Torii.Protocol;

namespace Torii.Connectors.Web.Tests.Pages;

public sealed class SocketAddressTextTests
{
    [Theory]
    [InlineData("127.0.0.1:8080")]
    [InlineData("10.1.2.3:1")]
    [InlineData("[::1]:9400")]
    [InlineData("[2001:db8::5]:443")]
    public void An_address_reads_and_prints_back_the_same(string text)
    {
        Assert.True(SocketAddressText.TryParse(text, out SocketAddress address));
        Assert.Equal(text, SocketAddressText.Format(address));
    }

    [Fact]
    public void Addresses_agree_with_the_protocol_library()
    {
        Assert.True(SocketAddressText.TryParse("192.168.0.10:8443", out SocketAddress address));
        Assert.Equal(SocketAddresses.ToProto(System.Net.IPEndPoint.Parse("192.168.0.10:8443")), address);
    }

    [Theory]
    [InlineData("localhost:80")]
    [InlineData("127.0.0.1")]
    [InlineData("")]
    public void Anything_but_ip_and_port_is_refused(string text) => Assert.False(SocketAddressText.TryParse(text, out _));
}
