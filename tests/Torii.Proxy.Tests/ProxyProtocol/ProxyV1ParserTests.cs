using System.Net;
using System.Text;
using Torii.Proxy.ProxyProtocol;

namespace Torii.Proxy.Tests.ProxyProtocol;

/// <summary>The text header of haproxy's proxy-protocol.txt, section 2.1.</summary>
public sealed class ProxyV1ParserTests
{
    [Fact]
    public void Tcp4_header_gives_source_destination_and_its_length()
    {
        var header = "PROXY TCP4 192.0.2.10 198.51.100.1 56324 443\r\n";
        var result = Parse(header + "GET / HTTP/1.1\r\n");

        Assert.Equal(ProxyParseStatus.Complete, result.Status);
        Assert.Equal(1, result.Header.Version);
        Assert.Equal(header.Length, result.Header.Length);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.10"), 56324), result.Header.Source);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.51.100.1"), 443), result.Header.Destination);
    }

    [Fact]
    public void Tcp6_header_gives_ipv6_addresses()
    {
        var result = Parse("PROXY TCP6 2001:db8::7 2001:db8:1::1 65535 0\r\n");

        Assert.Equal(ProxyParseStatus.Complete, result.Status);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8::7"), 65535), result.Header.Source);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8:1::1"), 0), result.Header.Destination);
    }

    [Theory]
    [InlineData("PROXY UNKNOWN\r\n")]
    [InlineData("PROXY UNKNOWN ffff:f...f:ffff ffff:f...f:ffff 65535 65535\r\n")]
    public void Unknown_keeps_the_connection_address(string header)
    {
        var result = Parse(header);

        Assert.Equal(ProxyParseStatus.Complete, result.Status);
        Assert.Equal(header.Length, result.Header.Length);
        Assert.Null(result.Header.Source);
        Assert.Null(result.Header.Destination);
    }

    [Fact]
    public void Longest_header_of_107_bytes_is_accepted()
    {
        var header = "PROXY UNKNOWN " + new string('x', 107 - 16) + "\r\n";
        Assert.Equal(107, header.Length);

        Assert.Equal(ProxyParseStatus.Complete, Parse(header).Status);
    }

    [Fact]
    public void No_crlf_within_107_bytes_is_invalid()
    {
        var result = Parse("PROXY UNKNOWN " + new string('x', 200));

        Assert.Equal(ProxyParseStatus.Invalid, result.Status);
        Assert.Contains("107", result.Error);
    }

    [Theory]
    [InlineData("P")]
    [InlineData("PROXY ")]
    [InlineData("PROXY TCP4 192.0.2.10 198.51.100.1 56324 44")]
    [InlineData("PROXY TCP4 192.0.2.10 198.51.100.1 56324 443\r")]
    public void Prefix_of_a_header_is_incomplete(string text) =>
        Assert.Equal(ProxyParseStatus.Incomplete, Parse(text).Status);

    [Theory]
    [InlineData("GET / HTTP/1.1\r\n")]
    [InlineData("PROXY TCP5 192.0.2.10 198.51.100.1 1 2\r\n")]
    [InlineData("PROXY TCP4 192.0.2.10 198.51.100.1 1 2\n")]
    [InlineData("PROXY TCP4 192.0.2.10  198.51.100.1 1 2\r\n")]
    [InlineData("PROXY TCP4 192.0.2.10 198.51.100.1 1\r\n")]
    [InlineData("PROXY TCP4 192.0.2.10 198.51.100.1 1 2 3\r\n")]
    [InlineData("PROXY TCP4 192.0.2.256 198.51.100.1 1 2\r\n")]
    [InlineData("PROXY TCP4 1 198.51.100.1 1 2\r\n")]
    [InlineData("PROXY TCP4 192.0.2 198.51.100.1 1 2\r\n")]
    [InlineData("PROXY TCP4 2001:db8::1 198.51.100.1 1 2\r\n")]
    [InlineData("PROXY TCP6 192.0.2.10 2001:db8::1 1 2\r\n")]
    [InlineData("PROXY TCP6 fe80::1%eth0 2001:db8::1 1 2\r\n")]
    [InlineData("PROXY TCP4 192.0.2.10 198.51.100.1 65536 2\r\n")]
    [InlineData("PROXY TCP4 192.0.2.10 198.51.100.1 -1 2\r\n")]
    [InlineData("PROXY TCP4 192.0.2.10 198.51.100.1 1 +2\r\n")]
    [InlineData("PROXY UNKNOWNX\r\n")]
    [InlineData("PROXY \r\n")]
    public void Malformed_headers_are_invalid(string text) =>
        Assert.Equal(ProxyParseStatus.Invalid, Parse(text).Status);

    private static ProxyParseResult Parse(string text) => ProxyHeaderParser.Parse(Encoding.ASCII.GetBytes(text));
}
