using System.Buffers;
using System.Net;
using Torii.Proxy.Http.Parsing;

namespace Torii.Proxy.Tests.Http;

[Collection("allocation measurements")]
public sealed class AllocationTests
{
    private const int Iterations = 1000;

    private static readonly byte[] TypicalRequest = Bytes.Of(
        "GET /api/v1/orders/12345?expand=items HTTP/1.1\r\n" +
        "Host: shop.example.com\r\n" +
        "User-Agent: Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/128.0\r\n" +
        "Accept: application/json\r\n" +
        "Accept-Language: en-US,en;q=0.5\r\n" +
        "Accept-Encoding: gzip, deflate, br\r\n" +
        "Connection: keep-alive\r\n" +
        "Cookie: session=abc123; theme=dark\r\n" +
        "X-Forwarded-For: 10.0.0.1\r\n" +
        "Cache-Control: no-cache\r\n" +
        "Referer: https://shop.example.com/cart\r\n" +
        "\r\n");

    private static readonly byte[] TypicalResponse = Bytes.Of(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n");

    private static readonly byte[] ChunkedBody = Bytes.Of("5\r\nhello\r\n6;x=y\r\n world\r\n0\r\nA: b\r\n\r\n");

    [Fact]
    public void Parsing_a_typical_request_allocates_nothing_after_warm_up()
    {
        using var head = new RequestHead();
        var split = Bytes.Split(TypicalRequest, 100, 200);
        ParseRequests(head, split);

        long before = GC.GetAllocatedBytesForCurrentThread();
        ParseRequests(head, split);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(10, head.HeaderCount);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Parsing_a_response_and_scanning_its_body_allocates_nothing_after_warm_up()
    {
        using var head = new ResponseHead();
        var scanner = new ChunkedBodyScanner(HttpLimits.Default);
        ParseResponses(head, scanner);

        long before = GC.GetAllocatedBytesForCurrentThread();
        ParseResponses(head, scanner);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Rewriting_heads_allocates_nothing_after_warm_up()
    {
        using var request = new RequestHead();
        using var response = new ResponseHead();
        var requestBuffer = new ReadOnlySequence<byte>(TypicalRequest);
        var responseBuffer = new ReadOnlySequence<byte>(TypicalResponse);
        Assert.True(RequestHeadParser.TryParse(ref requestBuffer, request, HttpLimits.Default).IsComplete);
        Assert.True(ResponseHeadParser.TryParse(ref responseBuffer, response, HttpLimits.Default).IsComplete);
        var output = new ArrayBufferWriter<byte>(4096);
        var context = new ForwardingContext(
            IPAddress.Parse("2001:db8::7"), new IPEndPoint(IPAddress.Parse("192.0.2.1"), 443), "https", Bytes.Of("id-1"), Bytes.Of("Torii-Id"));
        var options = new ResponseWriteOptions(Bytes.Of("id-1"), Bytes.Of("Torii-Id"), CloseConnection: false, HttpProtocolVersion.Http10);
        WriteHeads(output, request, response, context, options);

        long before = GC.GetAllocatedBytesForCurrentThread();
        WriteHeads(output, request, response, context, options);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    private static void ParseRequests(RequestHead head, ReadOnlySequence<byte> input)
    {
        for (int i = 0; i < Iterations; i++)
        {
            head.Reset();
            var buffer = input;
            if (!RequestHeadParser.TryParse(ref buffer, head, HttpLimits.Default).IsComplete || !head.KeepAlive)
            {
                throw new InvalidOperationException("the typical request did not parse");
            }
        }
    }

    private static void ParseResponses(ResponseHead head, ChunkedBodyScanner scanner)
    {
        for (int i = 0; i < Iterations; i++)
        {
            var buffer = new ReadOnlySequence<byte>(TypicalResponse);
            scanner.Reset();
            if (!ResponseHeadParser.TryParse(ref buffer, head, HttpLimits.Default).IsComplete
                || scanner.Scan(new ReadOnlySequence<byte>(ChunkedBody), out _) != ChunkedScanResult.Complete)
            {
                throw new InvalidOperationException("the typical response did not parse");
            }
        }
    }

    private static void WriteHeads(
        ArrayBufferWriter<byte> output, RequestHead request, ResponseHead response, in ForwardingContext context, in ResponseWriteOptions options)
    {
        for (int i = 0; i < Iterations; i++)
        {
            output.ResetWrittenCount();
            RequestHeadWriter.Write(output, request, context);
            ResponseHeadWriter.Write(output, response, options);
        }
    }
}
