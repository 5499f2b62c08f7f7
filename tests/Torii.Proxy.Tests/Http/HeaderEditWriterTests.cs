using System.Buffers;
using System.Net;
using Torii.Protocol;
using Torii.Proxy.Actions;
using Torii.Proxy.Http.Parsing;

namespace Torii.Proxy.Tests.Http;

/// <summary>The head writers with a frontend's edits: rewritten request line and Host, set and deleted headers, HSTS.</summary>
public sealed class HeaderEditWriterTests
{
    private static readonly byte[] RequestId = Bytes.Of("4f1c2a9e0000000000000007");
    private static readonly byte[] RequestIdName = Bytes.Of("Torii-Id");

    [Fact]
    public void A_rewrite_changes_the_target_and_host_and_keeps_the_original_host_in_x_forwarded_host()
    {
        var edit = new RequestEdit([], Bytes.Of("/new/7?q=1"), Bytes.Of("internal:8443"));

        var written = WriteRequest("GET /old/7?q=1 HTTP/1.1\r\nHost: shop.example.com\r\nX-Forwarded-Host: forged\r\nAccept: */*\r\n\r\n", edit);

        Assert.StartsWith("GET /new/7?q=1 HTTP/1.1\r\nHost: internal:8443\r\nX-Forwarded-Host: shop.example.com\r\nAccept: */*\r\n", written);
        Assert.DoesNotContain("forged", written);
        Assert.Single(AllLines(written), line => line.StartsWith("Host:", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Request_edits_replace_every_header_of_the_name_or_delete_it()
    {
        var edit = new RequestEdit([new HeaderEdit("X-Env", "prod"), new HeaderEdit("Cookie", "")]);

        var written = WriteRequest("GET / HTTP/1.1\r\nHost: a\r\nx-env: dev\r\nX-Env: test\r\nCookie: s=1\r\nAccept: */*\r\n\r\n", edit);

        Assert.DoesNotContain("dev", written);
        Assert.DoesNotContain("test", written);
        Assert.DoesNotContain("Cookie", written);
        Assert.Contains("\r\nX-Env: prod\r\n", written);
        Assert.Contains("\r\nAccept: */*\r\n", written);
        Assert.EndsWith("\r\n\r\n", written);
    }

    [Fact]
    public void Response_edits_and_hsts_are_applied()
    {
        var edits = ResponseEdits.Of([new HeaderEdit("Server", ""), new HeaderEdit("X-Frame-Options", "DENY")], Hsts(force: false));

        var written = WriteResponse("HTTP/1.1 200 OK\r\nServer: backend/1.0\r\nContent-Length: 0\r\n\r\n", edits);

        Assert.DoesNotContain("Server", written);
        Assert.Contains("\r\nX-Frame-Options: DENY\r\n", written);
        Assert.Contains("\r\nStrict-Transport-Security: max-age=60\r\n", written);
        Assert.Contains("\r\nContent-Length: 0\r\n", written);
    }

    [Theory]
    [InlineData(false, "max-age=5")]
    [InlineData(true, "max-age=60")]
    public void A_backend_hsts_header_is_kept_unless_the_policy_forces_its_own(bool force, string expected)
    {
        var written = WriteResponse("HTTP/1.1 200 OK\r\nStrict-Transport-Security: max-age=5\r\nContent-Length: 0\r\n\r\n", ResponseEdits.Of([], Hsts(force)));

        var lines = AllLines(written).Where(line => line.StartsWith("Strict-Transport-Security", StringComparison.Ordinal)).ToList();
        Assert.Equal([$"Strict-Transport-Security: {expected}"], lines);
    }

    [Fact]
    public void No_edits_write_exactly_what_they_wrote_before()
    {
        const string Response = "HTTP/1.1 200 OK\r\nServer: a\r\nContent-Length: 0\r\n\r\n";
        Assert.Equal(WriteResponse(Response, null), WriteResponse(Response, ResponseEdits.Of([], null)));
        Assert.Null(ResponseEdits.Of([], HstsPolicy.From(new HstsConfig { Enabled = false }, "hsts")));
    }

    private static HstsPolicy Hsts(bool force) =>
        HstsPolicy.From(new HstsConfig { Enabled = true, MaxAge = 60, ForceReplaceBackend = force }, "hsts")!;

    private static IEnumerable<string> AllLines(string head) => head.Split("\r\n");

    private static string WriteRequest(string request, RequestEdit edit)
    {
        using var head = RequestParsing.ParseValid(request);
        var output = new ArrayBufferWriter<byte>();
        var context = new ForwardingContext(IPAddress.Loopback, new IPEndPoint(IPAddress.Loopback, 80), "http", RequestId, RequestIdName, Edit: edit);
        var written = RequestHeadWriter.Write(output, head, context);
        Assert.Equal(output.WrittenCount, written);
        return Bytes.Text(output.WrittenSpan);
    }

    private static string WriteResponse(string response, ResponseEdits? edits)
    {
        using var head = new ResponseHead();
        var buffer = Bytes.Sequence(response);
        Assert.True(ResponseHeadParser.TryParse(ref buffer, head, HttpLimits.Default).IsComplete);
        var output = new ArrayBufferWriter<byte>();
        ResponseHeadWriter.Write(output, head, new ResponseWriteOptions(RequestId, RequestIdName, false, HttpProtocolVersion.Http11, default, edits));
        return Bytes.Text(output.WrittenSpan);
    }
}
