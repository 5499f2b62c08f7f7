using Torii.Proxy.Http.Parsing;

namespace Torii.Proxy.Tests.Http;

public sealed class RequestHeadRejectionTests
{
    private const string Ok = "Host: a\r\n";

    public static TheoryData<string, string, HttpParseError, int> Rejections => new()
    {
        // Request line
        { "missing target and version", "GET\r\n" + Ok, HttpParseError.InvalidRequestLine, 400 },
        { "missing version", "GET /\r\n" + Ok, HttpParseError.InvalidRequestLine, 400 },
        { "two spaces before target", "GET  / HTTP/1.1\r\n" + Ok, HttpParseError.InvalidRequestLine, 400 },
        { "two spaces before version", "GET /  HTTP/1.1\r\n" + Ok, HttpParseError.InvalidRequestLine, 400 },
        { "leading space", " GET / HTTP/1.1\r\n" + Ok, HttpParseError.InvalidRequestLine, 400 },
        { "trailing space", "GET / HTTP/1.1 \r\n" + Ok, HttpParseError.InvalidRequestLine, 400 },
        { "extra part", "GET / HTTP/1.1 extra\r\n" + Ok, HttpParseError.InvalidRequestLine, 400 },
        { "tab as separator", "GET\t/ HTTP/1.1\r\n" + Ok, HttpParseError.InvalidMethod, 400 },
        { "lowercase method", "get / HTTP/1.1\r\n" + Ok, HttpParseError.InvalidMethod, 400 },
        { "mixed-case method", "Get / HTTP/1.1\r\n" + Ok, HttpParseError.InvalidMethod, 400 },
        { "non-token method", "G(T / HTTP/1.1\r\n" + Ok, HttpParseError.InvalidMethod, 400 },
        { "control char in target", "GET /a\u0001b HTTP/1.1\r\n" + Ok, HttpParseError.InvalidRequestTarget, 400 },
        { "DEL in target", "GET /a\u007f HTTP/1.1\r\n" + Ok, HttpParseError.InvalidRequestTarget, 400 },
        { "non-ASCII in target", "GET /caf\u00e9 HTTP/1.1\r\n" + Ok, HttpParseError.InvalidRequestTarget, 400 },
        { "fragment in target", "GET /a#top HTTP/1.1\r\n" + Ok, HttpParseError.InvalidRequestTarget, 400 },
        { "bare CR in request line", "GET / HTTP/1.1\rX\r\n" + Ok, HttpParseError.InvalidVersion, 400 },
        { "relative target", "GET example.com/a HTTP/1.1\r\n" + Ok, HttpParseError.InvalidRequestTarget, 400 },
        { "authority form outside CONNECT", "GET example.com:443 HTTP/1.1\r\n" + Ok, HttpParseError.InvalidRequestTarget, 400 },
        { "asterisk outside OPTIONS", "GET * HTTP/1.1\r\n" + Ok, HttpParseError.InvalidRequestTarget, 400 },
        { "origin form with CONNECT", "CONNECT / HTTP/1.1\r\n" + Ok, HttpParseError.InvalidRequestTarget, 400 },
        { "CONNECT without port", "CONNECT example.com HTTP/1.1\r\n" + Ok, HttpParseError.InvalidRequestTarget, 400 },
        { "CONNECT with path", "CONNECT example.com:443/x HTTP/1.1\r\n" + Ok, HttpParseError.InvalidRequestTarget, 400 },
        { "absolute form of another scheme", "GET ftp://example.com/ HTTP/1.1\r\n" + Ok, HttpParseError.InvalidRequestTarget, 400 },
        { "absolute form without authority", "GET http:///a HTTP/1.1\r\n" + Ok, HttpParseError.InvalidRequestTarget, 400 },
        { "absolute form with userinfo", "GET http://user@example.com/ HTTP/1.1\r\n" + Ok, HttpParseError.InvalidRequestTarget, 400 },
        { "HTTP/2.0", "GET / HTTP/2.0\r\n" + Ok, HttpParseError.UnsupportedVersion, 505 },
        { "HTTP/0.9", "GET / HTTP/0.9\r\n" + Ok, HttpParseError.UnsupportedVersion, 505 },
        { "version without minor", "GET / HTTP/1\r\n" + Ok, HttpParseError.InvalidVersion, 400 },
        { "lowercase version", "GET / http/1.1\r\n" + Ok, HttpParseError.InvalidVersion, 400 },
        { "two-digit minor", "GET / HTTP/1.10\r\n" + Ok, HttpParseError.InvalidVersion, 400 },

        // Line endings
        { "bare LF after request line", "GET / HTTP/1.1\n" + Ok, HttpParseError.BareLineFeed, 400 },
        { "bare LF after header", "GET / HTTP/1.1\r\nHost: a\n", HttpParseError.BareLineFeed, 400 },
        { "bare LF as final line", "GET / HTTP/1.1\r\n" + Ok + "\n", HttpParseError.BareLineFeed, 400 },

        // Field lines
        { "invalid name char", "GET / HTTP/1.1\r\n" + Ok + "X(y): 1\r\n", HttpParseError.InvalidHeaderName, 400 },
        { "space inside name", "GET / HTTP/1.1\r\n" + Ok + "X y: 1\r\n", HttpParseError.InvalidHeaderName, 400 },
        { "non-ASCII name", "GET / HTTP/1.1\r\n" + Ok + "X-\u00e9: 1\r\n", HttpParseError.InvalidHeaderName, 400 },
        { "empty name", "GET / HTTP/1.1\r\n" + Ok + ": 1\r\n", HttpParseError.InvalidHeaderName, 400 },
        { "no colon", "GET / HTTP/1.1\r\n" + Ok + "X-Y 1\r\n", HttpParseError.InvalidHeaderName, 400 },
        { "space before colon", "GET / HTTP/1.1\r\nHost : a\r\n", HttpParseError.WhitespaceBeforeColon, 400 },
        { "tab before colon", "GET / HTTP/1.1\r\n" + Ok + "X-Y\t: 1\r\n", HttpParseError.WhitespaceBeforeColon, 400 },
        { "obs-fold with space", "GET / HTTP/1.1\r\n" + Ok + "X-Y: 1\r\n 2\r\n", HttpParseError.ObsoleteLineFolding, 400 },
        { "obs-fold with tab", "GET / HTTP/1.1\r\n" + Ok + "X-Y: 1\r\n\t2\r\n", HttpParseError.ObsoleteLineFolding, 400 },
        { "fold as first field line", "GET / HTTP/1.1\r\n " + Ok, HttpParseError.ObsoleteLineFolding, 400 },
        { "NUL in value", "GET / HTTP/1.1\r\n" + Ok + "X-Y: a\u0000b\r\n", HttpParseError.InvalidHeaderValue, 400 },
        { "CR in value", "GET / HTTP/1.1\r\n" + Ok + "X-Y: a\rb\r\n", HttpParseError.InvalidHeaderValue, 400 },
        { "escape in value", "GET / HTTP/1.1\r\n" + Ok + "X-Y: \u001b[31m\r\n", HttpParseError.InvalidHeaderValue, 400 },
        { "DEL in value", "GET / HTTP/1.1\r\n" + Ok + "X-Y: a\u007f\r\n", HttpParseError.InvalidHeaderValue, 400 },

        // Content-Length
        { "CL with plus sign", "POST / HTTP/1.1\r\n" + Ok + "Content-Length: +5\r\n", HttpParseError.InvalidContentLength, 400 },
        { "negative CL", "POST / HTTP/1.1\r\n" + Ok + "Content-Length: -5\r\n", HttpParseError.InvalidContentLength, 400 },
        { "space inside CL", "POST / HTTP/1.1\r\n" + Ok + "Content-Length: 1 2\r\n", HttpParseError.InvalidContentLength, 400 },
        { "hex CL", "POST / HTTP/1.1\r\n" + Ok + "Content-Length: 0x5\r\n", HttpParseError.InvalidContentLength, 400 },
        { "fractional CL", "POST / HTTP/1.1\r\n" + Ok + "Content-Length: 5.0\r\n", HttpParseError.InvalidContentLength, 400 },
        { "empty CL", "POST / HTTP/1.1\r\n" + Ok + "Content-Length:\r\n", HttpParseError.InvalidContentLength, 400 },
        { "CL with empty element", "POST / HTTP/1.1\r\n" + Ok + "Content-Length: 5,\r\n", HttpParseError.InvalidContentLength, 400 },
        { "CL overflow", "POST / HTTP/1.1\r\n" + Ok + "Content-Length: 9223372036854775808\r\n", HttpParseError.InvalidContentLength, 400 },
        { "CL far overflow", "POST / HTTP/1.1\r\n" + Ok + "Content-Length: 99999999999999999999999\r\n", HttpParseError.InvalidContentLength, 400 },
        { "different CL lines", "POST / HTTP/1.1\r\n" + Ok + "Content-Length: 5\r\nContent-Length: 6\r\n", HttpParseError.ConflictingContentLength, 400 },
        { "different CL list", "POST / HTTP/1.1\r\n" + Ok + "Content-Length: 5, 6\r\n", HttpParseError.ConflictingContentLength, 400 },

        // Transfer-Encoding
        { "TE with CL", "POST / HTTP/1.1\r\n" + Ok + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", HttpParseError.TransferEncodingWithContentLength, 400 },
        { "CL before TE", "POST / HTTP/1.1\r\n" + Ok + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", HttpParseError.TransferEncodingWithContentLength, 400 },
        { "TE in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n", HttpParseError.TransferEncodingInHttp10, 400 },
        { "chunked not last", "POST / HTTP/1.1\r\n" + Ok + "Transfer-Encoding: chunked, gzip\r\n", HttpParseError.ChunkedNotFinal, 400 },
        { "only gzip", "POST / HTTP/1.1\r\n" + Ok + "Transfer-Encoding: gzip\r\n", HttpParseError.ChunkedNotFinal, 400 },
        { "empty TE", "POST / HTTP/1.1\r\n" + Ok + "Transfer-Encoding:\r\n", HttpParseError.ChunkedNotFinal, 400 },
        { "chunked with parameter", "POST / HTTP/1.1\r\n" + Ok + "Transfer-Encoding: chunked;x=1\r\n", HttpParseError.ChunkedNotFinal, 400 },
        { "chunked not last across lines", "POST / HTTP/1.1\r\n" + Ok + "Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n", HttpParseError.ChunkedNotFinal, 400 },
        { "chunked twice", "POST / HTTP/1.1\r\n" + Ok + "Transfer-Encoding: chunked, chunked\r\n", HttpParseError.ChunkedAppliedTwice, 400 },
        { "chunked twice across lines", "POST / HTTP/1.1\r\n" + Ok + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", HttpParseError.ChunkedAppliedTwice, 400 },
        { "malformed coding", "POST / HTTP/1.1\r\n" + Ok + "Transfer-Encoding: ch(unked, chunked\r\n", HttpParseError.InvalidTransferEncoding, 400 },
        { "gzip then chunked", "POST / HTTP/1.1\r\n" + Ok + "Transfer-Encoding: gzip, chunked\r\n", HttpParseError.UnsupportedTransferCoding, 501 },
        { "identity then chunked", "POST / HTTP/1.1\r\n" + Ok + "Transfer-Encoding: identity, chunked\r\n", HttpParseError.UnsupportedTransferCoding, 501 },

        // Host
        { "missing Host in HTTP/1.1", "GET / HTTP/1.1\r\nX-Y: 1\r\n", HttpParseError.MissingHost, 400 },
        { "two Host lines", "GET / HTTP/1.1\r\nHost: a\r\nhost: a\r\n", HttpParseError.MultipleHosts, 400 },
        { "two Host lines in HTTP/1.0", "GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n", HttpParseError.MultipleHosts, 400 },
        { "Host with space", "GET / HTTP/1.1\r\nHost: a b\r\n", HttpParseError.InvalidHost, 400 },
        { "Host with slash", "GET / HTTP/1.1\r\nHost: a/b\r\n", HttpParseError.InvalidHost, 400 },
        { "Host with userinfo", "GET / HTTP/1.1\r\nHost: u@a\r\n", HttpParseError.InvalidHost, 400 },
        { "Host as a list", "GET / HTTP/1.1\r\nHost: a, b\r\n", HttpParseError.InvalidHost, 400 },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void Invalid_requests_are_rejected(string reason, string head, HttpParseError error, int status)
    {
        using var parsed = new RequestHead();

        var result = RequestParsing.Parse(head + "\r\n", parsed, out string rest);

        Assert.True(result.IsError, reason);
        Assert.Equal(error, result.Error);
        Assert.Equal(status, result.Error.StatusCode);
        Assert.Equal(head + "\r\n", rest);
    }

    [Fact]
    public void More_headers_than_the_limit_is_431()
    {
        string headers = string.Concat(Enumerable.Range(0, 100).Select(i => $"X-{i}: {i}\r\n"));
        using var head = new RequestHead();

        var result = RequestParsing.Parse($"GET / HTTP/1.1\r\nHost: a\r\n{headers}\r\n", head);

        Assert.Equal(HttpParseError.TooManyHeaders, result.Error);
        Assert.Equal(431, result.Error.StatusCode);
    }

    [Fact]
    public void Too_many_headers_is_detected_before_the_head_ends()
    {
        var limits = new HttpLimits { MaxHeaderCount = 3 };
        using var head = new RequestHead();

        var result = RequestParsing.Parse("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n", head, limits);

        Assert.Equal(HttpParseError.TooManyHeaders, result.Error);
    }

    [Fact]
    public void Head_larger_than_the_limit_is_431()
    {
        var limits = new HttpLimits { MaxHeadSize = 256 };
        string text = "GET / HTTP/1.1\r\nHost: a\r\nX-Pad: " + new string('p', 256) + "\r\n\r\n";
        using var head = new RequestHead();

        var result = RequestParsing.Parse(text, head, limits);

        Assert.Equal(HttpParseError.HeadTooLarge, result.Error);
        Assert.Equal(431, result.Error.StatusCode);
    }

    [Fact]
    public void Head_one_byte_over_the_limit_is_431()
    {
        const string Start = "GET / HTTP/1.1\r\nHost: a\r\nX-Pad: ";
        var limits = new HttpLimits { MaxHeadSize = 256 };
        string text = Start + new string('p', 257 - Start.Length - 4) + "\r\n\r\n";
        using var head = new RequestHead();

        var result = RequestParsing.Parse(text, head, limits);

        Assert.Equal(HttpParseError.HeadTooLarge, result.Error);
    }

    [Fact]
    public void Oversized_head_is_detected_without_waiting_for_its_end()
    {
        using var head = new RequestHead();
        string start = "GET / HTTP/1.1\r\nHost: a\r\nX-Pad: ";

        var partial = RequestParsing.Parse(start + new string('p', 16 * 1024 - start.Length - 1), head);
        var full = RequestParsing.Parse(start + new string('p', 16 * 1024 - start.Length), head);

        Assert.Equal(HeadParseResult.NeedMoreData, partial);
        Assert.Equal(HttpParseError.HeadTooLarge, full.Error);
    }

    [Fact]
    public void Endless_empty_lines_count_against_the_head_size()
    {
        var limits = new HttpLimits { MaxHeadSize = 64 };
        using var head = new RequestHead();

        var result = RequestParsing.Parse(string.Concat(Enumerable.Repeat("\r\n", 40)), head, limits);

        Assert.Equal(HttpParseError.HeadTooLarge, result.Error);
    }
}
