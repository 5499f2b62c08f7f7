using System.Buffers;
using System.Text;
using Torii.Proxy.Http.Parsing;
using Torii.Proxy.Http2.Translation;

namespace Torii.Proxy.Tests.Http2;

/// <summary>An HTTP/2 request as the HTTP/1.1 text the request path reads, and the rules of RFC 9113 §8.2–8.3.</summary>
public sealed class RequestTranslationTests
{
    [Fact]
    public void Pseudo_headers_become_the_request_line_and_host_and_cookie_crumbs_are_joined()
    {
        var builder = Build(
            (":method", "POST"), (":scheme", "https"), (":authority", "app.test"), (":path", "/a?b=1"),
            ("cookie", "a=1"), ("accept", "*/*"), ("cookie", "b=2"), ("host", "ignored.test"));
        Assert.True(builder.Validate());
        var head = new ArrayBufferWriter<byte>();
        builder.WriteHead(head, chunked: true);
        Assert.Equal(
            "POST /a?b=1 HTTP/1.1\r\nhost: app.test\r\naccept: */*\r\ncookie: a=1; b=2\r\ntransfer-encoding: chunked\r\n\r\n",
            Encoding.ASCII.GetString(head.WrittenSpan));
    }

    [Fact]
    public void The_session_gets_the_request_parsed_with_the_authority_as_host_and_the_body_framing()
    {
        var builder = Build(
            (":method", "POST"), (":scheme", "https"), (":authority", "app.test:8443"), (":path", "/a/b?c=1"),
            ("host", "other.test"), ("x-one", "1"), ("cookie", "a=1"), ("cookie", "b=2"));
        Assert.True(builder.Validate());
        using var request = new RequestHead();
        var result = builder.ParseInto(request, HttpLimits.Default, chunked: true);

        Assert.True(result.IsComplete);
        Assert.Equal(HttpMethodKind.Post, request.Method);
        Assert.Equal("/a/b", Encoding.ASCII.GetString(request.Path));
        Assert.Equal("c=1", Encoding.ASCII.GetString(request.Query));
        Assert.Equal("app.test:8443", Encoding.ASCII.GetString(request.EffectiveHost));
        Assert.True(request.IsChunked);
        Assert.Equal(-1, request.FindHeader("content-length"u8));
        Assert.True(request.TryGetHeader("x-one"u8, out var one) && one.SequenceEqual("1"u8));
        Assert.True(request.TryGetHeader("cookie"u8, out var cookie) && cookie.SequenceEqual("a=1; b=2"u8));
    }

    [Fact]
    public void A_request_over_the_listener_head_limits_is_refused_as_an_HTTP_1_1_head_would_be()
    {
        var fields = new List<(string, string)> { (":method", "GET"), (":scheme", "https"), (":authority", "app.test"), (":path", "/") };
        fields.AddRange(Enumerable.Range(0, 5).Select(i => ($"x-field-{i}", new string('v', 100))));
        var builder = Build([.. fields]);
        Assert.True(builder.Validate());
        using var request = new RequestHead();

        Assert.True(builder.ParseInto(request, HttpLimits.Default, chunked: false).IsComplete);
        Assert.Equal(HttpParseError.TooManyHeaders, builder.ParseInto(request, HttpLimits.Default with { MaxHeaderCount = 3 }, chunked: false).Error);
        var tooLarge = builder.ParseInto(request, HttpLimits.Default with { MaxHeadSize = 256 }, chunked: false);
        Assert.True(tooLarge.IsError);
        Assert.Equal(431, tooLarge.Error.StatusCode);
    }

    [Theory]
    [InlineData("x-upper", "fine", ":path", "/")]
    [InlineData("X-Upper", "1", ":path", "/")]
    [InlineData("connection", "close", ":path", "/")]
    [InlineData("te", "gzip", ":path", "/")]
    [InlineData("x-crlf", "a\r\nb: c", ":path", "/")]
    [InlineData("x-space", " padded", ":path", "/")]
    [InlineData("x-ok", "1", ":path", "/a b")]
    [InlineData("x-ok", "1", ":path", "")]
    [InlineData("x-ok", "1", ":status", "200")]
    public void Malformed_requests_are_refused(string name, string value, string pseudo, string pseudoValue)
    {
        var builder = Build((":method", "GET"), (":scheme", "http"), (":authority", "app.test"), (pseudo, pseudoValue), (name, value));
        var valid = builder.Validate();
        Assert.Equal(name == "x-upper" && value == "fine", valid);
    }

    [Fact]
    public void A_pseudo_header_after_a_regular_field_or_a_missing_path_is_refused()
    {
        Assert.False(Build((":method", "GET"), ("accept", "*/*"), (":path", "/"), (":scheme", "http")).Validate());
        Assert.False(Build((":method", "GET"), (":scheme", "http"), (":authority", "a")).Validate());
        Assert.False(Build((":method", "GET"), (":method", "GET"), (":scheme", "http"), (":path", "/")).Validate());
    }

    [Fact]
    public void Trailers_become_the_last_chunk_and_may_not_carry_pseudo_headers()
    {
        var builder = new RequestHeadBuilder();
        builder.Reset(trailers: true);
        builder.OnHeader("x-sum"u8, "42"u8);
        Assert.True(builder.Validate());
        var output = new ArrayBufferWriter<byte>();
        builder.WriteTrailers(output);
        Assert.Equal("0\r\nx-sum: 42\r\n\r\n", Encoding.ASCII.GetString(output.WrittenSpan));

        builder.Reset(trailers: true);
        builder.OnHeader(":path"u8, "/"u8);
        Assert.False(builder.Validate());
    }

    [Fact]
    public void The_chunked_decoder_yields_data_and_trailer_lines_however_the_input_is_split()
    {
        var body = "5;ext=1\r\nhello\r\n4\r\n abc\r\n0\r\nx-checksum: abc\r\n\r\n"u8.ToArray();
        for (var split = 1; split < body.Length; split++)
        {
            var decoder = new ChunkedDecoder();
            var data = new StringBuilder();
            var trailers = new List<string>();
            var pending = Array.Empty<byte>();
            var ended = false;
            foreach (var part in new[] { body[..split], body[split..] })
            {
                var buffer = new ReadOnlySequence<byte>([.. pending, .. part]);
                while (true)
                {
                    var kind = decoder.Next(ref buffer, out var piece);
                    if (kind == ChunkedPieceKind.Data)
                    {
                        data.Append(Encoding.ASCII.GetString(piece));
                    }
                    else if (kind == ChunkedPieceKind.TrailerLine)
                    {
                        trailers.Add(Encoding.ASCII.GetString(piece));
                    }
                    else
                    {
                        ended = kind == ChunkedPieceKind.End;
                        break;
                    }
                }

                pending = buffer.ToArray();
            }

            Assert.True(ended, $"split at {split}");
            Assert.Equal("hello abc", data.ToString());
            Assert.Equal(["x-checksum: abc"], trailers);
        }
    }

    private static RequestHeadBuilder Build(params (string Name, string Value)[] fields)
    {
        var builder = new RequestHeadBuilder();
        builder.Reset(trailers: false);
        foreach (var (name, value) in fields)
        {
            builder.OnHeader(Encoding.ASCII.GetBytes(name), Encoding.ASCII.GetBytes(value));
        }

        return builder;
    }
}
