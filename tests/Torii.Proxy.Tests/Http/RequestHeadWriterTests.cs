using System.Buffers;
using System.Net;
using System.Text.RegularExpressions;
using Torii.Proxy.Http.Parsing;

namespace Torii.Proxy.Tests.Http;

public sealed class RequestHeadWriterTests
{
    private static readonly byte[] RequestId = Bytes.Of("4f1c2a9e0000000000000007");
    private static readonly byte[] RequestIdName = Bytes.Of("Torii-Id");

    [Fact]
    public void Hop_by_hop_headers_are_dropped_and_forwarding_headers_set()
    {
        const string Request =
            "GET /a?b=1 HTTP/1.0\r\n" +
            "Host: example.com\r\n" +
            "Connection: keep-alive, X-Secret\r\n" +
            "Keep-Alive: timeout=5\r\n" +
            "X-Secret: s\r\n" +
            "Proxy-Connection: keep-alive\r\n" +
            "TE: trailers\r\n" +
            "Accept:   */*\r\n" +
            "X-Forwarded-For: 10.0.0.1\r\n" +
            "X-Forwarded-Proto: ftp\r\n" +
            "X-Forwarded-Port: 1\r\n" +
            "Forwarded: for=10.0.0.1\r\n" +
            "torii-id: forged\r\n" +
            "Upgrade: websocket\r\n" +
            "User-Agent: test\r\n" +
            "\r\n";

        string written = Write(Request, Context("192.0.2.7", "198.51.100.1", 8080, "http"));

        Assert.Equal(
            "GET /a?b=1 HTTP/1.0\r\n" +
            "Host: example.com\r\n" +
            "Accept:   */*\r\n" +
            "User-Agent: test\r\n" +
            "X-Forwarded-For: 10.0.0.1, 192.0.2.7\r\n" +
            "X-Forwarded-Proto: http\r\n" +
            "X-Forwarded-Port: 8080\r\n" +
            "Forwarded: for=10.0.0.1, for=192.0.2.7;proto=http;by=198.51.100.1\r\n" +
            "Torii-Id: 4f1c2a9e0000000000000007\r\n" +
            "\r\n",
            written);
    }

    [Fact]
    public void Framing_headers_are_kept_as_received()
    {
        const string Request =
            "POST /upload HTTP/1.1\r\n" +
            "Host: a\r\n" +
            "Transfer-Encoding: chunked\r\n" +
            "Trailer: Checksum\r\n" +
            "Expect: 100-continue\r\n" +
            "\r\n";

        string written = Write(Request, Context("192.0.2.7", "10.1.1.1", 80, "http"));

        Assert.StartsWith(
            "POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTrailer: Checksum\r\nExpect: 100-continue\r\nX-Forwarded-For: 192.0.2.7\r\n",
            written);
    }

    [Fact]
    public void Ipv6_addresses_are_bracketed_and_quoted_in_forwarded_only()
    {
        string written = Write("GET / HTTP/1.1\r\nHost: a\r\n\r\n", Context("2001:db8::1", "::1", 443, "https"));

        Assert.Equal(
            "GET / HTTP/1.1\r\n" +
            "Host: a\r\n" +
            "X-Forwarded-For: 2001:db8::1\r\n" +
            "X-Forwarded-Proto: https\r\n" +
            "X-Forwarded-Port: 443\r\n" +
            "Forwarded: for=\"[2001:db8::1]\";proto=https;by=\"[::1]\"\r\n" +
            "Torii-Id: 4f1c2a9e0000000000000007\r\n" +
            "\r\n",
            written);
    }

    [Fact]
    public void Ipv4_mapped_client_address_is_written_as_ipv4()
    {
        string written = Write("GET / HTTP/1.1\r\nHost: a\r\n\r\n", Context("::ffff:203.0.113.9", "::ffff:10.0.0.2", 80, "http"));

        Assert.Contains("X-Forwarded-For: 203.0.113.9\r\n", written);
        Assert.Contains("Forwarded: for=203.0.113.9;proto=http;by=10.0.0.2\r\n", written);
    }

    [Fact]
    public void Several_forwarding_lines_are_merged_in_order()
    {
        const string Request =
            "GET / HTTP/1.1\r\n" +
            "X-Forwarded-For: 1.1.1.1\r\n" +
            "Host: a\r\n" +
            "x-forwarded-for: 2.2.2.2, 3.3.3.3\r\n" +
            "X-Forwarded-For:\r\n" +
            "Forwarded: for=1.1.1.1\r\n" +
            "Forwarded: for=2.2.2.2;proto=https\r\n" +
            "\r\n";

        string written = Write(Request, Context("192.0.2.7", "10.0.0.1", 80, "http"));

        Assert.Contains("X-Forwarded-For: 1.1.1.1, 2.2.2.2, 3.3.3.3, 192.0.2.7\r\n", written);
        Assert.Contains("Forwarded: for=1.1.1.1, for=2.2.2.2;proto=https, for=192.0.2.7;proto=http;by=10.0.0.1\r\n", written);
        Assert.Single(Regex.Matches(written, "x-forwarded-for", RegexOptions.IgnoreCase));
    }

    [Fact]
    public void Forwarding_headers_named_in_connection_are_not_passed_on()
    {
        const string Request =
            "GET / HTTP/1.1\r\n" +
            "Host: a\r\n" +
            "Connection: X-Forwarded-For, Forwarded\r\n" +
            "X-Forwarded-For: 6.6.6.6\r\n" +
            "Forwarded: for=6.6.6.6\r\n" +
            "\r\n";

        string written = Write(Request, Context("192.0.2.7", "10.0.0.1", 80, "http"));

        Assert.Contains("X-Forwarded-For: 192.0.2.7\r\n", written);
        Assert.Contains("Forwarded: for=192.0.2.7;proto=http;by=10.0.0.1\r\n", written);
        Assert.DoesNotContain("6.6.6.6", written);
    }

    [Fact]
    public void Upgrade_requests_keep_their_upgrade_headers()
    {
        const string Request =
            "GET /chat HTTP/1.1\r\n" +
            "Host: a\r\n" +
            "Connection: keep-alive, Upgrade\r\n" +
            "Upgrade: websocket\r\n" +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
            "\r\n";

        string written = Write(Request, Context("192.0.2.7", "10.0.0.1", 80, "http"));

        Assert.StartsWith("GET /chat HTTP/1.1\r\nHost: a\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nX-Forwarded-For:", written);
        Assert.EndsWith("Torii-Id: 4f1c2a9e0000000000000007\r\nConnection: upgrade\r\nUpgrade: websocket\r\n\r\n", written);
    }

    [Fact]
    public void Http10_request_without_host_gets_one()
    {
        string written = Write("GET http://example.com/x HTTP/1.0\r\n\r\n", Context("192.0.2.7", "10.0.0.1", 80, "http"));

        Assert.StartsWith("GET http://example.com/x HTTP/1.0\r\nHost: example.com\r\nX-Forwarded-For: 192.0.2.7\r\n", written);
    }

    [Fact]
    public void Empty_request_id_header_name_sends_no_id()
    {
        var context = new ForwardingContext(
            IPAddress.Parse("192.0.2.7"), new IPEndPoint(IPAddress.Parse("10.0.0.1"), 80), "http", RequestId, ReadOnlyMemory<byte>.Empty);

        string written = Write("GET / HTTP/1.1\r\nHost: a\r\nTorii-Id: kept\r\n\r\n", context);

        Assert.EndsWith("Torii-Id: kept\r\nX-Forwarded-For: 192.0.2.7\r\nX-Forwarded-Proto: http\r\nX-Forwarded-Port: 80\r\nForwarded: for=192.0.2.7;proto=http;by=10.0.0.1\r\n\r\n", written);
    }

    [Fact]
    public void Written_count_is_returned_and_advanced()
    {
        using var head = RequestParsing.ParseValid("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        var output = new ArrayBufferWriter<byte>();
        output.Write("prefix"u8);

        int written = RequestHeadWriter.Write(output, head, Context("192.0.2.7", "10.0.0.1", 80, "http"));

        Assert.Equal(output.WrittenCount - 6, written);
        Assert.StartsWith("prefixGET / HTTP/1.1\r\n", Bytes.Text(output.WrittenSpan));
    }

    [Fact]
    public void Send_x_real_ip_sets_the_client_address_in_place_of_the_client_claim()
    {
        var context = Context("192.0.2.7", "10.0.0.1", 80, "http") with { RealIp = new RealIpPolicy(Send: true, Elide: false) };

        string written = Write("GET / HTTP/1.1\r\nHost: a\r\nX-Real-IP: 6.6.6.6\r\nx-real-ip: 7.7.7.7\r\n\r\n", context);

        Assert.DoesNotContain("6.6.6.6", written);
        Assert.DoesNotContain("7.7.7.7", written);
        Assert.Single(Regex.Matches(written, "X-Real-IP: ", RegexOptions.IgnoreCase));
        Assert.Contains("\r\nX-Real-IP: 192.0.2.7\r\n", written);
    }

    [Fact]
    public void Elide_x_real_ip_removes_the_client_header_and_adds_none()
    {
        var context = Context("192.0.2.7", "10.0.0.1", 80, "http") with { RealIp = new RealIpPolicy(Send: false, Elide: true) };

        string written = Write("GET / HTTP/1.1\r\nHost: a\r\nX-Real-IP: 6.6.6.6\r\n\r\n", context);

        Assert.DoesNotContain("X-Real-IP", written, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Without_either_setting_a_client_x_real_ip_passes_through_and_none_is_added()
    {
        string written = Write("GET / HTTP/1.1\r\nHost: a\r\nX-Real-IP: 6.6.6.6\r\n\r\n", Context("192.0.2.7", "10.0.0.1", 80, "http"));

        Assert.Contains("\r\nX-Real-IP: 6.6.6.6\r\n", written);
        Assert.Single(Regex.Matches(written, "X-Real-IP", RegexOptions.IgnoreCase));
    }

    [Fact]
    public void Send_x_real_ip_writes_an_ipv6_client_address()
    {
        var context = Context("2001:db8::7", "10.0.0.1", 80, "http") with { RealIp = new RealIpPolicy(Send: true, Elide: true) };

        Assert.Contains("\r\nX-Real-IP: 2001:db8::7\r\n", Write("GET / HTTP/1.1\r\nHost: a\r\n\r\n", context));
    }

    private static ForwardingContext Context(string client, string listener, int port, string scheme) =>
        new(IPAddress.Parse(client), new IPEndPoint(IPAddress.Parse(listener), port), scheme, RequestId, RequestIdName);

    private static string Write(string request, ForwardingContext context)
    {
        using var head = RequestParsing.ParseValid(request);
        var output = new ArrayBufferWriter<byte>();
        RequestHeadWriter.Write(output, head, context);
        return Bytes.Text(output.WrittenSpan);
    }
}
