using System.Diagnostics;
using System.Net;
using Grpc.Core;
using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.EndToEnd.Tests.Grpc;

/// <summary>
/// gRPC end to end: Grpc.Net.Client → torii (h2c or TLS+ALPN h2) → an http2 cluster → Kestrel's
/// gRPC server over h2c. Every kind of call, status and trailers, deadlines and cancellation.
/// </summary>
public sealed class GrpcThroughToriiTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(false, "http")]
    [InlineData(true, "https")]
    public async Task Unary_and_all_three_streaming_kinds_work_with_trailers(bool tls, string scheme)
    {
        await using var proxy = await GrpcProxy.StartAsync();
        using var channel = proxy.Channel(tls);
        var client = new Echo.EchoClient(channel);

        var unary = await client.UnaryAsync(new EchoRequest { Text = "hello", Count = 7 });
        // torii's forwarding fields reached the backend as for any request.
        Assert.Equal($"unary hello via {scheme}", unary.Text);
        Assert.Equal(7, unary.Index);

        using (var call = client.ServerStream(new EchoRequest { Text = "item", Count = 5 }))
        {
            var received = new List<string>();
            await foreach (var reply in call.ResponseStream.ReadAllAsync())
            {
                received.Add(reply.Text);
            }

            Assert.Equal(["item 0", "item 1", "item 2", "item 3", "item 4"], received);
            Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
            Assert.Equal("5", call.GetTrailers().GetValue("x-streamed"));
        }

        using (var call = client.ClientStream())
        {
            foreach (var text in new[] { "a", "b", "c" })
            {
                await call.RequestStream.WriteAsync(new EchoRequest { Text = text });
            }

            await call.RequestStream.CompleteAsync();
            var reply = await call;
            Assert.Equal("a,b,c", reply.Text);
            Assert.Equal(3, reply.Index);
        }

        using (var call = client.Bidi())
        {
            // Each answer is read before the next message is sent: request and response really interleave.
            for (var index = 0; index < 3; index++)
            {
                await call.RequestStream.WriteAsync(new EchoRequest { Text = $"m{index}" });
                Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
                Assert.Equal($"re: m{index}", call.ResponseStream.Current.Text);
                Assert.Equal(index, call.ResponseStream.Current.Index);
            }

            await call.RequestStream.CompleteAsync();
            Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_trailers_only_error_reaches_the_client_with_its_status_and_trailer(bool tls)
    {
        await using var proxy = await GrpcProxy.StartAsync();
        using var channel = proxy.Channel(tls);
        var client = new Echo.EchoClient(channel);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.FailAsync(new EchoRequest { Text = "no such thing", Count = (int)StatusCode.NotFound }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("no such thing", error.Status.Detail);
        Assert.Equal("no such thing", error.Trailers.GetValue("x-reason"));
    }

    [Fact]
    public async Task A_deadline_expires_at_the_client_in_time()
    {
        await using var proxy = await GrpcProxy.StartAsync();
        using var channel = proxy.Channel(tls: false);
        var client = new Echo.EchoClient(channel);

        var started = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.SlowAsync(new EchoRequest { DelayMs = 30_000 }, deadline: DateTime.UtcNow.AddMilliseconds(500)));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"DEADLINE_EXCEEDED after {started.Elapsed}");
        // The connection is still good for the next call.
        Assert.Equal("slow", (await client.SlowAsync(new EchoRequest { DelayMs = 1 })).Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_cancelled_call_is_cancelled_at_the_backend(bool tls)
    {
        await using var proxy = await GrpcProxy.StartAsync();
        using var channel = proxy.Channel(tls);
        var client = new Echo.EchoClient(channel);
        var tag = $"cancel-{tls}";

        // No deadline travels with the call: only torii's RST_STREAM can tell the backend.
        using var cancel = new CancellationTokenSource();
        var call = client.WaitForCancelAsync(new EchoRequest { Tag = tag }, cancellationToken: cancel.Token);
        await proxy.Backend.Cancellations.WhenStarted(tag).WaitAsync(Bound);
        await cancel.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await call);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await proxy.Backend.Cancellations.WhenCancelled(tag).WaitAsync(Bound);
    }

    [Fact]
    public async Task Many_concurrent_calls_share_one_backend_connection()
    {
        await using var proxy = await GrpcProxy.StartAsync();
        using var channel = proxy.Channel(tls: false);
        var client = new Echo.EchoClient(channel);

        var replies = await Task.WhenAll(Enumerable.Range(0, 60).Select(async index =>
            await client.UnaryAsync(new EchoRequest { Text = $"n{index}", Count = index })));

        Assert.Equal(Enumerable.Range(0, 60), replies.Select(reply => reply.Index).Order());
        Assert.All(replies, reply => Assert.Equal($"unary n{reply.Index} via http", reply.Text));
        Assert.Equal(1, proxy.Backend.ConnectionCount);
    }

    [Fact]
    public async Task An_http11_client_reaches_a_plain_endpoint_through_the_http2_cluster()
    {
        await using var proxy = await GrpcProxy.StartAsync();
        using var client = proxy.Http11Client();

        using var response = await client.GetAsync("/plain");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version11, response.Version);
        // The backend was spoken to in HTTP/2 and got torii's X-Forwarded-For.
        Assert.Equal("plain HTTP/2 127.0.0.1", await response.Content.ReadAsStringAsync());

        var body = new string('x', 200_000);
        using var sized = await client.PostAsync("/upload", new StringContent(body));
        Assert.Equal("got 200000", await sized.Content.ReadAsStringAsync());
        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/upload") { Content = new StringContent(body) };
        chunked.Headers.TransferEncodingChunked = true;
        using var chunkedResponse = await client.SendAsync(chunked);
        Assert.Equal("got 200000", await chunkedResponse.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_request_pipelined_after_a_chunked_body_sent_to_the_http2_cluster_is_answered()
    {
        await using var proxy = await GrpcProxy.StartAsync();
        await using var connection = await RawHttpConnection.OpenAsync(proxy.CleartextPort);

        // One write: the chunked upload and, right behind its last chunk, the next request, so both arrive in one read.
        await connection.SendRawAsync(
            $"POST /upload HTTP/1.1\r\nHost: {GrpcProxy.Host}\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n" +
            $"GET /plain HTTP/1.1\r\nHost: {GrpcProxy.Host}\r\n\r\n");
        var upload = await connection.ReadResponseAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var plain = await connection.ReadResponseAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal((200, "got 5"), (upload.StatusCode, upload.Body));
        Assert.Equal((200, "plain HTTP/2 127.0.0.1"), (plain.StatusCode, plain.Body));
    }

    [Fact]
    public async Task A_backend_reset_is_a_502_for_an_http11_client_and_a_stream_reset_for_an_http2_client()
    {
        await using var proxy = await GrpcProxy.StartAsync();
        using var http11 = proxy.Http11Client();
        using var answered = await http11.GetAsync("/abort");
        Assert.Equal(HttpStatusCode.BadGateway, answered.StatusCode);

        using var http2 = new HttpClient(Infrastructure.LoopbackHttpHandler.Create())
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        var reset = await Assert.ThrowsAsync<HttpRequestException>(() => http2.GetAsync($"http://{GrpcProxy.Host}:{proxy.CleartextPort}/abort"));
        // The client's stream is reset rather than answered: no 502 stands in for what the backend did.
        Assert.Equal(0x2, Assert.IsType<HttpProtocolException>(reset.InnerException).ErrorCode);

        // Neither failure cost the next request anything.
        Assert.Equal("plain HTTP/2 127.0.0.1", await http11.GetStringAsync("/plain"));
    }
}
