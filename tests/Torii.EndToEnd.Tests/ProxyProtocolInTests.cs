using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.EndToEnd.Tests;

/// <summary>expect_proxy listeners: the PROXY header's source is the client everywhere; a connection without one is closed unanswered.</summary>
public sealed class ProxyProtocolInTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Http_listener_takes_v1_and_v2_headers_and_the_backend_sees_their_source()
    {
        await using var proxy = await HttpProxyFixture.StartAsync(listenerConfig: "expect_proxy = true\nsend_x_real_ip = true");
        await proxy.RouteAppToFirstAsync();

        var v1 = await HeadersThroughAsync(proxy.HttpPort, ProxyHeaders.V1("203.0.113.7", "198.51.100.1"), "X-Real-IP: 6.6.6.6\r\n");
        Assert.Contains("X-Forwarded-For: 203.0.113.7", v1);
        Assert.Contains("X-Real-IP: 203.0.113.7", v1);
        Assert.Contains("Forwarded: for=203.0.113.7", v1);
        Assert.DoesNotContain("6.6.6.6", v1);

        var v2 = await HeadersThroughAsync(proxy.HttpPort, ProxyHeaders.V2("2001:db8::5", "2001:db8::1"));
        Assert.Contains("X-Forwarded-For: 2001:db8::5", v2);
        Assert.Contains("X-Real-IP: 2001:db8::5", v2);
        Assert.Contains("Forwarded: for=\"[2001:db8::5]\"", v2);

        Assert.Contains("X-Real-IP: 127.0.0.1", await HeadersThroughAsync(proxy.HttpPort, ProxyHeaders.V2Local()));
        Assert.Contains("X-Real-IP: 127.0.0.1", await HeadersThroughAsync(proxy.HttpPort, ProxyHeaders.V1Unknown()));
        var v1Ipv6 = await HeadersThroughAsync(proxy.HttpPort, ProxyHeaders.V1("2001:db8::9", "2001:db8::1"));
        Assert.Contains("X-Forwarded-For: 2001:db8::9", v1Ipv6);

        // The access log names the header's client too.
        await proxy.Torii.WaitForOutputAsync("2001:db8::9", Patience);
    }

    [Fact]
    public async Task Header_split_over_two_writes_and_header_sent_with_the_request_both_work()
    {
        await using var proxy = await HttpProxyFixture.StartAsync(listenerConfig: "expect_proxy = true");
        await proxy.RouteAppToFirstAsync();
        var header = ProxyHeaders.V2("192.0.2.44", "198.51.100.1");

        using (var socket = await ProxiedClient.ConnectAsync(proxy.HttpPort, header[..10]))
        {
            await socket.SendAsync(header[10..]);
            await using var http = RawHttpConnection.Over(new NetworkStream(socket, ownsSocket: false));
            var response = await http.SendAsync("GET /headers HTTP/1.1\r\nHost: app.test\r\n\r\n");
            Assert.Contains("X-Forwarded-For: 192.0.2.44", response.Body);
        }

        await using var together = await ProxiedClient.HttpAsync(proxy.HttpPort, [.. ProxyHeaders.V1("192.0.2.45", "198.51.100.1"), .. "GET /headers HTTP/1.1\r\nHost: app.test\r\n\r\n"u8]);
        var second = await together.ReadResponseAsync();
        Assert.Contains("X-Forwarded-For: 192.0.2.45", second.Body);

        // Keep-alive: the next request on the same connection is from the same client.
        var third = await together.SendAsync("GET /headers HTTP/1.1\r\nHost: app.test\r\n\r\n");
        Assert.Contains("X-Forwarded-For: 192.0.2.45", third.Body);
    }

    [Fact]
    public async Task Http_connection_without_a_valid_header_is_closed_unanswered_and_counted()
    {
        await using var proxy = await HttpProxyFixture.StartAsync(listenerConfig: "expect_proxy = true\nrequest_timeout = 1");
        await proxy.RouteAppToFirstAsync();
        byte[][] refused =
        [
            "GET / HTTP/1.1\r\nHost: app.test\r\n\r\n"u8.ToArray(),
            [.. "PROXY UNKNOWN "u8, .. Encoding.ASCII.GetBytes(new string('x', 200))],
            ProxyHeaders.V2Oversized(),
            [.. "PROXY TCP4 203.0.113.7 198.51.100.1 1 99999\r\n"u8, .. "GET / HTTP/1.1\r\nHost: app.test\r\n\r\n"u8],
            ProxyHeaders.V2Frame(0x23, 0x11, new byte[12]),
        ];
        foreach (var bytes in refused)
        {
            using var socket = await ProxiedClient.ConnectAsync(proxy.HttpPort, bytes);
            Assert.True(await ProxiedClient.ClosedUnansweredAsync(socket, Patience), $"not closed after {Encoding.ASCII.GetString(bytes)}");
        }

        // Truncated, then the sender goes: closed; truncated and then silent: closed at the request timeout.
        using (var truncated = await ProxiedClient.ConnectAsync(proxy.HttpPort, ProxyHeaders.V2("203.0.113.7", "198.51.100.1")[..20]))
        {
            truncated.Shutdown(SocketShutdown.Send);
            Assert.True(await ProxiedClient.ClosedUnansweredAsync(truncated, Patience));
        }

        using (var silent = await ProxiedClient.ConnectAsync(proxy.HttpPort, "PROXY TCP4 203.0."u8.ToArray()))
        {
            var waited = Stopwatch.StartNew();
            Assert.True(await ProxiedClient.ClosedUnansweredAsync(silent, Patience));
            Assert.True(waited.Elapsed >= TimeSpan.FromMilliseconds(800), $"closed after {waited.Elapsed}, before the 1 s request timeout");
        }

        await MetricsWatch.ProxyMetricAsync(proxy.Torii, "proxy_protocol.refused", metric => metric.Count == 7);
        Assert.Equal(0, proxy.First.RequestCount);
    }

    [Fact]
    public async Task Https_listener_reads_the_header_before_the_tls_client_hello()
    {
        var backend = await TestBackend.StartAsync("first");
        await using var _ = backend;
        await using var torii = await ToriiProcess.StartAsync("");
        var port = FreePort.Next();
        var certificate = TestCertificate.SelfSigned("app.test");
        await torii.MustAsync(new Request
        {
            AddHttpsListener = new HttpsListenerConfig
            {
                Address = Requests.Loopback(port), Active = true, ExpectProxy = true, SendXRealIp = true, ElideXRealIp = true,
                Certificate = certificate.CertificatePem, Key = certificate.KeyPem,
            },
        });
        await torii.MustAsync(Requests.Cluster("app"));
        await torii.MustAsync(Requests.Backend("app", "first", backend));
        await torii.MustAsync(new Request { AddHttpsFrontend = Requests.Frontend("app", port, "app.test") });

        var socket = await ProxiedClient.ConnectAsync(port, ProxyHeaders.V2("203.0.113.50", "198.51.100.1", destinationPort: 443));
        await using (var tls = new SslStream(new NetworkStream(socket, ownsSocket: true)))
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "app.test", RemoteCertificateValidationCallback = (_, _, _, _) => true });
            await using var http = RawHttpConnection.Over(tls);
            var response = await http.SendAsync("GET /headers HTTP/1.1\r\nHost: app.test\r\nX-Real-IP: 6.6.6.6\r\n\r\n");
            Assert.Contains("X-Real-IP: 203.0.113.50", response.Body);
            Assert.Contains("X-Forwarded-For: 203.0.113.50", response.Body);
            Assert.DoesNotContain("6.6.6.6", response.Body);
        }

        // curl's own PROXY v1 header, then TLS; and without a header the handshake never starts.
        var withHeader = await CurlAsync("--haproxy-protocol", "-sk", "--resolve", $"app.test:{port}:127.0.0.1", $"https://app.test:{port}/headers");
        Assert.Equal(0, withHeader.ExitCode);
        Assert.Contains("X-Real-IP: 127.0.0.1", withHeader.Output);
        var withoutHeader = await CurlAsync("-sk", "--resolve", $"app.test:{port}:127.0.0.1", $"https://app.test:{port}/headers");
        Assert.NotEqual(0, withoutHeader.ExitCode);
        await MetricsWatch.ProxyMetricAsync(torii, "proxy_protocol.refused", metric => metric.Count == 1);
    }

    [Fact]
    public async Task Tcp_listener_relays_the_header_source_to_a_send_proxy_backend()
    {
        using var backend = new RecordingTcpBackend();
        await using var torii = await ToriiProcess.StartAsync("");
        var port = FreePort.Next();
        await torii.MustAsync(new Request { AddTcpListener = new TcpListenerConfig { Address = Requests.Loopback(port), Active = true, ExpectProxy = true } });
        await torii.MustAsync(new Request { AddCluster = new Cluster { ClusterId = "db", ProxyProtocol = ProxyProtocolConfig.RelayHeader } });
        await torii.MustAsync(Requests.TcpFrontend("db", port));
        await torii.MustAsync(Requests.Backend("db", "only", backend.Port));

        // Header and the first bytes of the stream in one write: both reach the backend, in order.
        using (var client = await ProxiedClient.ConnectAsync(port, [.. ProxyHeaders.V1("203.0.113.80", "198.51.100.9", 40001, 5432), .. "hello"u8]))
        {
            var received = await backend.ReceivedAsync(1, 28 + 5, Patience);
            Assert.Equal(ProxyHeaders.V2Signature, received[..12]);
            Assert.Equal(new byte[] { 0x21, 0x11, 0x00, 0x0C, 203, 0, 113, 80, 198, 51, 100, 9, 0x9C, 0x41, 0x15, 0x38 }, received[12..28]);
            Assert.Equal("hello", Encoding.ASCII.GetString(received[28..]));
        }

        using (var client = await ProxiedClient.ConnectAsync(port, ProxyHeaders.V2("2001:db8::80", "2001:db8::1", 40002, 5432)))
        {
            await client.SendAsync("x"u8.ToArray());
            var received = await backend.ReceivedAsync(2, 52 + 1, Patience);
            Assert.Equal(new byte[] { 0x21, 0x21, 0x00, 36 }, received[12..16]);
            Assert.Equal(System.Net.IPAddress.Parse("2001:db8::80").GetAddressBytes(), received[16..32]);
        }

        using var garbage = await ProxiedClient.ConnectAsync(port, "SSH-2.0-OpenSSH_9.2\r\n"u8.ToArray());
        Assert.True(await ProxiedClient.ClosedUnansweredAsync(garbage, Patience));
        Assert.Equal(2, backend.ConnectionCount);
    }

    private static async Task<string> HeadersThroughAsync(int port, byte[] header, string extraHeaders = "")
    {
        await using var http = await ProxiedClient.HttpAsync(port, header);
        var response = await http.SendAsync($"GET /headers HTTP/1.1\r\nHost: app.test\r\n{extraHeaders}\r\n");
        Assert.Equal(200, response.StatusCode);
        return response.Body;
    }

    private static async Task<(int ExitCode, string Output)> CurlAsync(params string[] arguments)
    {
        using var curl = Process.Start(new ProcessStartInfo("curl", ["--max-time", "10", .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await curl.StandardOutput.ReadToEndAsync();
        await curl.WaitForExitAsync();
        return (curl.ExitCode, output);
    }
}
