using Torii.Proxy.Http.Parsing;

namespace Torii.Proxy.Tests.Http;

public sealed class RequestHeadParserTests
{
    private const string Typical =
        "GET /search/items?q=tea&page=2 HTTP/1.1\r\n" +
        "Host: shop.example.com\r\n" +
        "User-Agent:  curl/8.5 \r\n" +
        "Accept:\t*/*\t\r\n" +
        "X-Empty:\r\n" +
        "\r\n";

    [Fact]
    public void Typical_request_exposes_its_parts()
    {
        using var head = RequestParsing.ParseValid(Typical);

        Assert.Equal(HttpMethodKind.Get, head.Method);
        Assert.Equal("GET", Bytes.Text(head.MethodBytes));
        Assert.Equal("/search/items?q=tea&page=2", Bytes.Text(head.Target));
        Assert.Equal(RequestTargetForm.Origin, head.TargetForm);
        Assert.Equal("/search/items", Bytes.Text(head.Path));
        Assert.Equal("q=tea&page=2", Bytes.Text(head.Query));
        Assert.Equal(HttpProtocolVersion.Http11, head.Version);
        Assert.Equal("shop.example.com", Bytes.Text(head.Host));
        Assert.Equal("shop.example.com", Bytes.Text(head.EffectiveHost));
        Assert.Equal(Typical, Bytes.Text(head.RawHead));
        Assert.Equal(-1, head.ContentLength);
        Assert.False(head.IsChunked);
        Assert.False(head.HasBody);
        Assert.True(head.KeepAlive);
        Assert.False(head.IsUpgrade);
        Assert.False(head.Expect100Continue);
    }

    [Fact]
    public void Header_values_have_optional_whitespace_trimmed_and_names_as_received()
    {
        using var head = RequestParsing.ParseValid(Typical);

        Assert.Equal(4, head.HeaderCount);
        Assert.Equal("User-Agent", Bytes.Text(head.GetHeaderName(1)));
        Assert.Equal("curl/8.5", Bytes.Text(head.GetHeaderValue(1)));
        Assert.Equal("*/*", Bytes.Text(head.GetHeaderValue(2)));
        Assert.Equal("", Bytes.Text(head.GetHeaderValue(3)));
        Assert.Equal("User-Agent:  curl/8.5 ", Bytes.Text(head.GetHeaderLine(1)));

        var entry = head.GetHeader(1);
        Assert.Equal("User-Agent", Bytes.Text(head.RawHead[entry.NameRange]));
        Assert.Equal("curl/8.5", Bytes.Text(head.RawHead[entry.ValueRange]));
        Assert.Equal(KnownHeader.Host, head.GetHeader(0).Known);
        Assert.Equal(KnownHeader.Other, entry.Known);
    }

    [Fact]
    public void Headers_are_found_by_name_ignoring_ascii_case()
    {
        using var head = RequestParsing.ParseValid(Typical);

        Assert.Equal(1, head.FindHeader("user-agent"u8));
        Assert.Equal(-1, head.FindHeader("user-agent"u8, startIndex: 2));
        Assert.True(head.TryGetHeader("ACCEPT"u8, out var accept));
        Assert.Equal("*/*", Bytes.Text(accept));
        Assert.False(head.TryGetHeader("Cookie"u8, out _));
    }

    [Fact]
    public void Buffer_is_advanced_past_the_head_only()
    {
        using var head = new RequestHead();

        var result = RequestParsing.Parse(Typical + "GET /next HTTP/1.1\r\n", head, out string rest);

        Assert.Equal(HeadParseResult.Complete, result);
        Assert.Equal("GET /next HTTP/1.1\r\n", rest);
    }

    [Fact]
    public void Incomplete_head_needs_more_data_and_leaves_the_buffer_alone()
    {
        using var head = new RequestHead();

        var result = RequestParsing.Parse("GET / HTTP/1.1\r\nHost: a\r\n", head, out string rest);

        Assert.Equal(HeadParseResult.NeedMoreData, result);
        Assert.Equal("GET / HTTP/1.1\r\nHost: a\r\n", rest);
    }

    [Fact]
    public void Empty_lines_before_the_request_line_are_skipped()
    {
        using var head = new RequestHead();

        var result = RequestParsing.Parse("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\nrest", head, out string rest);

        Assert.Equal(HeadParseResult.Complete, result);
        Assert.Equal("GET / HTTP/1.1\r\nHost: a\r\n\r\n", Bytes.Text(head.RawHead));
        Assert.Equal("rest", rest);
    }

    [Fact]
    public void The_same_head_object_serves_consecutive_requests()
    {
        using var head = new RequestHead();
        Assert.True(RequestParsing.Parse("POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nX-A: 1\r\n\r\n", head).IsComplete);

        head.Reset();
        Assert.True(RequestParsing.Parse("HEAD /b HTTP/1.0\r\n\r\n", head).IsComplete);

        Assert.Equal(HttpMethodKind.Head, head.Method);
        Assert.Equal("/b", Bytes.Text(head.Path));
        Assert.Equal(0, head.HeaderCount);
        Assert.Equal(-1, head.ContentLength);
        Assert.False(head.HasHost);
        Assert.Equal(HttpProtocolVersion.Http10, head.Version);
    }

    [Theory]
    [InlineData("GET", HttpMethodKind.Get)]
    [InlineData("HEAD", HttpMethodKind.Head)]
    [InlineData("POST", HttpMethodKind.Post)]
    [InlineData("PUT", HttpMethodKind.Put)]
    [InlineData("DELETE", HttpMethodKind.Delete)]
    [InlineData("OPTIONS", HttpMethodKind.Options)]
    [InlineData("TRACE", HttpMethodKind.Trace)]
    [InlineData("PATCH", HttpMethodKind.Patch)]
    [InlineData("PROPFIND", HttpMethodKind.Other)]
    [InlineData("M-SEARCH", HttpMethodKind.Other)]
    public void Methods_are_classified(string method, HttpMethodKind expected)
    {
        using var head = RequestParsing.ParseValid($"{method} / HTTP/1.1\r\nHost: a\r\n\r\n");

        Assert.Equal(expected, head.Method);
        Assert.Equal(method, Bytes.Text(head.MethodBytes));
    }

    [Fact]
    public void Connect_takes_an_authority_form_target()
    {
        using var head = RequestParsing.ParseValid("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n");

        Assert.Equal(HttpMethodKind.Connect, head.Method);
        Assert.Equal(RequestTargetForm.Authority, head.TargetForm);
        Assert.Equal("example.com:443", Bytes.Text(head.TargetAuthority));
        Assert.Equal("", Bytes.Text(head.Path));
    }

    [Fact]
    public void Connect_accepts_an_ipv6_literal()
    {
        using var head = RequestParsing.ParseValid("CONNECT [2001:db8::1]:8443 HTTP/1.1\r\nHost: x\r\n\r\n");

        Assert.Equal("[2001:db8::1]:8443", Bytes.Text(head.TargetAuthority));
    }

    [Fact]
    public void Options_takes_an_asterisk_form_target()
    {
        using var head = RequestParsing.ParseValid("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n");

        Assert.Equal(RequestTargetForm.Asterisk, head.TargetForm);
        Assert.Equal("*", Bytes.Text(head.Path));
    }

    [Fact]
    public void Absolute_form_exposes_authority_path_and_query_and_its_authority_wins_over_host()
    {
        using var head = RequestParsing.ParseValid("GET http://Example.com:8080/a/b?x=1 HTTP/1.1\r\nHost: other\r\n\r\n");

        Assert.Equal(RequestTargetForm.Absolute, head.TargetForm);
        Assert.Equal("Example.com:8080", Bytes.Text(head.TargetAuthority));
        Assert.Equal("/a/b", Bytes.Text(head.Path));
        Assert.Equal("x=1", Bytes.Text(head.Query));
        Assert.Equal("other", Bytes.Text(head.Host));
        Assert.Equal("Example.com:8080", Bytes.Text(head.EffectiveHost));
    }

    [Theory]
    [InlineData("http://example.com", "/", "")]
    [InlineData("https://example.com?a=b", "/", "a=b")]
    [InlineData("HTTPS://example.com/x", "/x", "")]
    public void Absolute_form_without_a_path_has_path_slash(string target, string path, string query)
    {
        using var head = RequestParsing.ParseValid($"GET {target} HTTP/1.1\r\nHost: example.com\r\n\r\n");

        Assert.Equal(path, Bytes.Text(head.Path));
        Assert.Equal(query, Bytes.Text(head.Query));
    }

    [Theory]
    [InlineData("HTTP/1.1", "", true)]
    [InlineData("HTTP/1.1", "Connection: close\r\n", false)]
    [InlineData("HTTP/1.1", "Connection: Keep-Alive, CLOSE\r\n", false)]
    [InlineData("HTTP/1.1", "Connection: keep-alive\r\n", true)]
    [InlineData("HTTP/1.0", "", false)]
    [InlineData("HTTP/1.0", "Connection: keep-alive\r\n", true)]
    [InlineData("HTTP/1.0", "Connection: x-foo\r\nConnection: Keep-Alive\r\n", true)]
    [InlineData("HTTP/1.0", "Connection: keep-alive, close\r\n", false)]
    public void Keep_alive_follows_version_and_connection_tokens(string version, string headers, bool keepAlive)
    {
        using var head = RequestParsing.ParseValid($"GET / {version}\r\nHost: a\r\n{headers}\r\n");

        Assert.Equal(keepAlive, head.KeepAlive);
    }

    [Fact]
    public void Headers_named_by_connection_are_marked_except_framing_and_host()
    {
        using var head = RequestParsing.ParseValid(
            "GET / HTTP/1.1\r\nHost: a\r\nConnection: close, X-Hop , content-length, host\r\n" +
            "X-Hop: 1\r\nx-hop: 2\r\nX-Keep: 3\r\nContent-Length: 0\r\n\r\n");

        Assert.False(head.GetHeader(0).IsNamedByConnection);
        Assert.True(head.GetHeader(2).IsNamedByConnection);
        Assert.True(head.GetHeader(3).IsNamedByConnection);
        Assert.False(head.GetHeader(4).IsNamedByConnection);
        Assert.False(head.GetHeader(5).IsNamedByConnection);
    }

    [Theory]
    [InlineData("HTTP/1.1", "Connection: Upgrade\r\nUpgrade: websocket\r\n", true)]
    [InlineData("HTTP/1.1", "Connection: keep-alive, upgrade\r\nUpgrade: h2c\r\n", true)]
    [InlineData("HTTP/1.1", "Upgrade: websocket\r\n", false)]
    [InlineData("HTTP/1.1", "Connection: upgrade\r\n", false)]
    [InlineData("HTTP/1.1", "Connection: upgrade\r\nUpgrade:\r\n", false)]
    [InlineData("HTTP/1.0", "Connection: upgrade\r\nUpgrade: websocket\r\n", false)]
    public void Upgrade_needs_the_connection_token_and_the_upgrade_header(string version, string headers, bool upgrade)
    {
        using var head = RequestParsing.ParseValid($"GET /ws {version}\r\nHost: a\r\n{headers}\r\n");

        Assert.Equal(upgrade, head.IsUpgrade);
    }

    [Theory]
    [InlineData("HTTP/1.1", "Expect: 100-continue\r\n", true)]
    [InlineData("HTTP/1.1", "Expect: 100-Continue\r\n", true)]
    [InlineData("HTTP/1.1", "Expect: something-else\r\n", false)]
    [InlineData("HTTP/1.0", "Expect: 100-continue\r\n", false)]
    public void Expect_100_continue_is_recognised_for_http11(string version, string headers, bool expected)
    {
        using var head = RequestParsing.ParseValid($"PUT /f {version}\r\nHost: a\r\nContent-Length: 1\r\n{headers}\r\n");

        Assert.Equal(expected, head.Expect100Continue);
    }

    [Theory]
    [InlineData("Content-Length: 42\r\n", 42)]
    [InlineData("Content-Length: 0\r\n", 0)]
    [InlineData("Content-Length:  007 \r\n", 7)]
    [InlineData("Content-Length: 5, 5\r\n", 5)]
    [InlineData("Content-Length: 5\r\ncontent-length: 5\r\n", 5)]
    [InlineData("Content-Length: 9223372036854775807\r\n", long.MaxValue)]
    public void Content_length_is_read(string headers, long expected)
    {
        using var head = RequestParsing.ParseValid($"POST / HTTP/1.1\r\nHost: a\r\n{headers}\r\n");

        Assert.Equal(expected, head.ContentLength);
        Assert.False(head.IsChunked);
        Assert.Equal(expected > 0, head.HasBody);
    }

    [Theory]
    [InlineData("Transfer-Encoding: chunked\r\n")]
    [InlineData("Transfer-Encoding: Chunked\r\n")]
    [InlineData("Transfer-Encoding: chunked,\r\n")]
    [InlineData("Transfer-Encoding: , chunked\r\n")]
    public void Chunked_transfer_encoding_is_recognised(string headers)
    {
        using var head = RequestParsing.ParseValid($"POST / HTTP/1.1\r\nHost: a\r\n{headers}\r\n");

        Assert.True(head.IsChunked);
        Assert.True(head.HasTransferEncoding);
        Assert.True(head.HasBody);
        Assert.Equal(-1, head.ContentLength);
    }

    [Theory]
    [InlineData("HTTP/1.0", HttpProtocolVersion.Http10)]
    [InlineData("HTTP/1.1", HttpProtocolVersion.Http11)]
    [InlineData("HTTP/1.2", HttpProtocolVersion.Http11)]
    public void Versions_are_read(string version, HttpProtocolVersion expected)
    {
        using var head = RequestParsing.ParseValid($"GET / {version}\r\nHost: a\r\n\r\n");

        Assert.Equal(expected, head.Version);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[::1]:8080")]
    [InlineData("xn--bcher-kva.example:443")]
    [InlineData("10.0.0.1")]
    public void Valid_host_values_are_accepted(string host)
    {
        using var head = RequestParsing.ParseValid($"GET / HTTP/1.1\r\nHost: {host}\r\n\r\n");

        Assert.True(head.HasHost);
        Assert.Equal(host, Bytes.Text(head.Host));
    }

    [Fact]
    public void Http10_request_may_omit_host()
    {
        using var head = RequestParsing.ParseValid("GET / HTTP/1.0\r\n\r\n");

        Assert.False(head.HasHost);
        Assert.Equal("", Bytes.Text(head.Host));
    }

    [Fact]
    public void Tab_and_obs_text_are_allowed_in_values()
    {
        using var head = RequestParsing.ParseValid("GET / HTTP/1.1\r\nHost: a\r\nX-Name: caf\u00e9\tau lait\r\n\r\n");

        Assert.Equal("caf\u00e9\tau lait", Bytes.Text(head.GetHeaderValue(1)));
    }

    [Fact]
    public void Head_of_exactly_the_maximum_size_is_accepted()
    {
        const string Start = "GET / HTTP/1.1\r\nHost: a\r\nX-Pad: ";
        var limits = new HttpLimits { MaxHeadSize = 256 };
        string text = Start + new string('p', 256 - Start.Length - 4) + "\r\n\r\n";

        using var head = RequestParsing.ParseValid(text, limits);

        Assert.Equal(256, head.RawHead.Length);
    }

    [Fact]
    public void Exactly_the_maximum_number_of_headers_is_accepted()
    {
        string headers = string.Concat(Enumerable.Range(0, 99).Select(i => $"X-{i}: {i}\r\n"));

        using var head = RequestParsing.ParseValid($"GET / HTTP/1.1\r\nHost: a\r\n{headers}\r\n");

        Assert.Equal(100, head.HeaderCount);
        Assert.Equal("98", Bytes.Text(head.GetHeaderValue(99)));
    }

    [Fact]
    public void Fresh_and_reset_heads_read_as_empty()
    {
        using var fresh = new RequestHead();
        using var reset = RequestParsing.ParseValid(Typical);
        reset.Reset();

        foreach (var head in new[] { fresh, reset })
        {
            Assert.True(head.RawHead.IsEmpty);
            Assert.True(head.MethodBytes.IsEmpty);
            Assert.True(head.Target.IsEmpty);
            Assert.True(head.Path.IsEmpty);
            Assert.True(head.Query.IsEmpty);
            Assert.True(head.Host.IsEmpty);
            Assert.Equal(0, head.HeaderCount);
            Assert.Equal(-1, head.ContentLength);
            Assert.False(head.KeepAlive);
        }
    }

    [Fact]
    public void Header_index_out_of_range_throws()
    {
        using var head = RequestParsing.ParseValid("GET / HTTP/1.1\r\nHost: a\r\n\r\n");

        Assert.Throws<ArgumentOutOfRangeException>(() => head.GetHeader(1));
    }
}
