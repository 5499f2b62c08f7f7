using System.Diagnostics;
using System.Net;
using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.EndToEnd.Tests.Http2;

/// <summary>Real HTTP/2 clients (curl, h2load, .NET's HttpClient) through torii to an HTTP/1.1 backend.</summary>
public sealed class Http2ClientTests
{
    [Fact]
    public async Task Curl_negotiates_h2_by_alpn_and_the_request_is_forwarded_like_http11()
    {
        await using var proxy = await Http2Proxy.StartAsync();
        var result = await proxy.CurlAsync("--http2", "-w", "\n%{http_version}", $"https://{Http2Proxy.Host}:{proxy.TlsPort}/headers");
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StandardOutput.Split('\n');
        Assert.Equal("2", lines[^1]);
        Assert.Contains("X-Forwarded-Proto: https", result.StandardOutput);
        Assert.Contains("X-Forwarded-For: 127.0.0.1", result.StandardOutput);
        Assert.Contains($"Host: {Http2Proxy.Host}:{proxy.TlsPort}", result.StandardOutput);
        Assert.Matches("Torii-Id: [0-9a-f]{24}", result.StandardOutput);
    }

    [Fact]
    public async Task Curl_with_prior_knowledge_speaks_h2c_and_http11_still_works_on_both_listeners()
    {
        await using var proxy = await Http2Proxy.StartAsync();
        var h2c = await proxy.CurlAsync("--http2-prior-knowledge", "-w", " %{http_version}", $"http://{Http2Proxy.Host}:{proxy.CleartextPort}/x");
        Assert.True(h2c.ExitCode == 0, h2c.ToString());
        Assert.Equal("first /x 2", h2c.StandardOutput);

        var plain = await proxy.CurlAsync("--http1.1", "-w", " %{http_version}", $"http://{Http2Proxy.Host}:{proxy.CleartextPort}/y");
        Assert.Equal("first /y 1.1", plain.StandardOutput);
        var tls11 = await proxy.CurlAsync("--http1.1", "-w", " %{http_version}", $"https://{Http2Proxy.Host}:{proxy.TlsPort}/z");
        Assert.Equal("first /z 1.1", tls11.StandardOutput);
    }

    [Fact]
    public async Task Large_bodies_stream_both_ways_over_h2()
    {
        await using var proxy = await Http2Proxy.StartAsync();
        var upload = Path.Combine(proxy.Torii.Directory, "upload.bin");
        var download = Path.Combine(proxy.Torii.Directory, "download.bin");
        var bytes = new byte[8 * 1024 * 1024];
        new Random(15).NextBytes(bytes);
        await File.WriteAllBytesAsync(upload, bytes);

        // Content-Length upload, then the same body chunked (no length known in advance).
        foreach (var extra in new[] { Array.Empty<string>(), ["-H", "Transfer-Encoding: chunked"] })
        {
            var result = await proxy.CurlAsync(["--http2", "--data-binary", $"@{upload}", "-o", download, "-w", "%{http_version} %{http_code}", .. extra, $"https://{Http2Proxy.Host}:{proxy.TlsPort}/echo"]);
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal("2 200", result.StandardOutput);
            var echoed = await File.ReadAllBytesAsync(download);
            Assert.True(bytes.AsSpan().SequenceEqual(echoed), "echoed body differs");
        }
    }

    [Fact]
    public async Task H2load_runs_many_concurrent_streams_without_a_failure()
    {
        await using var proxy = await Http2Proxy.StartAsync();
        foreach (var url in new[] { $"https://{Http2Proxy.Host}:{proxy.TlsPort}/load", $"http://{Http2Proxy.Host}:{proxy.CleartextPort}/load" })
        {
            var result = await ExternalProgram.RunAsync(new ProcessStartInfo("h2load", ["-n", "3000", "-c", "6", "-m", "50", url]), TimeSpan.FromSeconds(120));
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("3000 succeeded, 0 failed, 0 errored, 0 timeout", result.StandardOutput);
            Assert.Contains("status codes: 3000 2xx", result.StandardOutput);
        }
    }

    [Fact]
    public async Task HttpClient_with_exact_http2_sends_concurrent_requests_on_one_connection()
    {
        await using var proxy = await Http2Proxy.StartAsync();
        using var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
            EnableMultipleHttp2Connections = false,
        };
        using var client = new HttpClient(handler)
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(async index =>
        {
            using var response = await client.GetAsync(new Uri($"https://{Http2Proxy.Host}:{proxy.TlsPort}/item/{index}"));
            return (response.Version, response.StatusCode, Body: await response.Content.ReadAsStringAsync(), Index: index);
        }));
        foreach (var response in responses)
        {
            Assert.Equal(HttpVersion.Version20, response.Version);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal($"first /item/{response.Index}", response.Body);
        }

        var payload = new byte[3 * 1024 * 1024];
        new Random(2).NextBytes(payload);
        using var echo = await client.PostAsync(new Uri($"https://{Http2Proxy.Host}:{proxy.TlsPort}/echo"), new ByteArrayContent(payload));
        Assert.Equal(HttpVersion.Version20, echo.Version);
        var echoed = await echo.Content.ReadAsByteArrayAsync();
        Assert.True(payload.AsSpan().SequenceEqual(echoed), "echoed body differs");
    }

    [Fact]
    public async Task Request_trailers_reach_the_backend_over_chunked()
    {
        await using var proxy = await Http2Proxy.StartAsync();
        var result = await proxy.RunScriptAsync("h2_exchange.py", "request");
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Response_trailers_of_a_chunked_backend_response_arrive_as_trailing_headers()
    {
        using var scripted = new ScriptedBackend((_, _) =>
            new ScriptedReply("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: x-checksum\r\n\r\n5\r\nhello\r\n0\r\nx-checksum: abc\r\n\r\n"));
        await using var proxy = await Http2Proxy.StartAsync(scripted: scripted);
        var result = await proxy.RunScriptAsync("h2_exchange.py", "response");
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task An_unknown_host_gets_the_default_404_answer_over_h2()
    {
        await using var proxy = await Http2Proxy.StartAsync();
        var result = await proxy.CurlAsync("--http2-prior-knowledge", "-o", "/dev/null", "-w", "%{http_version} %{http_code}", "-H", "Host: nowhere.test", $"http://127.0.0.1:{proxy.CleartextPort}/");
        Assert.Equal("2 404", result.StandardOutput);
    }

    [Fact]
    public async Task Soft_stop_sends_goaway_and_lets_the_stream_in_flight_finish()
    {
        // The request takes 6 s; the drain deadline must outlast it (the default 5 s would cut it).
        await using var proxy = await Http2Proxy.StartAsync(listener => listener.H2GracefulShutdownDeadlineSeconds = 30);
        var client = proxy.RunScriptAsync("h2_attacks.py", "graceful_stop");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (proxy.Backend.RequestCount < 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "the slow request never reached the backend");
            await Task.Delay(TimeSpan.FromMilliseconds(10)); // poll interval of a condition with a deadline
        }

        var stop = await proxy.Torii.CliAsync("shutdown");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        var result = await client;
        Assert.True(result.ExitCode == 0, $"{result}\n--- torii ---\n{proxy.Torii.Output}");
        Assert.Equal(0, await proxy.Torii.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }
}
