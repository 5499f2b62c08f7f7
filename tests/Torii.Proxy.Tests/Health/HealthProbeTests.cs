using Torii.Protocol;
using Torii.Proxy.Health;
using Torii.Proxy.State;

namespace Torii.Proxy.Tests.Health;

/// <summary>The http and tcp probes against real loopback sockets.</summary>
public sealed class HealthProbeTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_http_check_sends_method_uri_host_and_connection_close_and_passes_on_2xx()
    {
        await using var target = new ProbeTarget(() => "HTTP/1.1 204 No Content\r\n\r\n");
        var probe = new HttpHealthProbe("HEAD", "/health?deep=1", "app.internal", 0);

        var result = await Check(probe, target);

        Assert.Equal(HealthProbeResult.Success, result);
        var request = Assert.Single(target.Requests);
        Assert.StartsWith("HEAD /health?deep=1 HTTP/1.1\r\n", request, StringComparison.Ordinal);
        Assert.Contains("\r\nHost: app.internal\r\n", request, StringComparison.Ordinal);
        Assert.Contains("\r\nConnection: close\r\n", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_header_defaults_to_the_backend_address()
    {
        await using var target = new ProbeTarget(() => "HTTP/1.1 200 OK\r\n\r\n");

        await Check(new HttpHealthProbe("GET", "/", null, 0), target);

        Assert.Contains($"\r\nHost: {target.Address}\r\n", Assert.Single(target.Requests), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HTTP/1.1 500 Internal Server Error\r\n\r\n", 0u, false, "status 500, expected 2xx")]
    [InlineData("HTTP/1.1 200 OK\r\n\r\n", 204u, false, "status 200, expected 204")]
    [InlineData("HTTP/1.0 204 No Content\r\n\r\n", 204u, true, null)]
    [InlineData("HTTP/1.1 299 Whatever\r\n\r\n", 0u, true, null)]
    [InlineData("SSH-2.0-OpenSSH\r\n", 0u, false, "the answer is not an HTTP/1.x status line")]
    [InlineData("HTTP/1.1 2000 OK\r\n\r\n", 0u, false, "the answer is not an HTTP/1.x status line")]
    [InlineData("", 0u, false, "closed before sending a status line")]
    public async Task The_status_decides(string answer, uint expected, bool healthy, string? failure)
    {
        await using var target = new ProbeTarget(() => answer);

        var result = await Check(new HttpHealthProbe("GET", "/health", null, expected), target);

        Assert.Equal(new HealthProbeResult(healthy, failure), result);
    }

    [Fact]
    public async Task A_status_line_that_never_ends_is_read_no_further_than_the_bound()
    {
        await using var target = new ProbeTarget(() => "HTTP/1.1 200 " + new string('x', 10_000));

        var result = await Check(new HttpHealthProbe("GET", "/health", null, 0), target);

        Assert.Equal(HealthProbeResult.Fail($"no status line in the first {HttpHealthProbe.MaxStatusLineBytes} bytes"), result);
    }

    [Fact]
    public async Task A_closed_port_fails_the_http_and_the_tcp_check_with_the_connect_error()
    {
        var closed = ProbeTarget.ClosedPort();
        using var cancellation = new CancellationTokenSource(Generous);

        var http = await new HttpHealthProbe("GET", "/", null, 0).CheckAsync(closed, false, cancellation.Token);
        var tcp = await new TcpHealthProbe().CheckAsync(closed, false, cancellation.Token);

        Assert.Equal(HealthProbeResult.Fail("connect failed (ConnectionRefused)"), http);
        Assert.Equal(HealthProbeResult.Fail("connect failed (ConnectionRefused)"), tcp);
    }

    [Fact]
    public async Task A_backend_that_accepts_and_never_answers_fails_when_the_timeout_cancels_the_check()
    {
        await using var target = new ProbeTarget(() => null);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var result = await new HttpHealthProbe("GET", "/", null, 0).CheckAsync(target.Address, false, timeout.Token);

        Assert.Equal(HealthProbeResult.Fail("timed out"), result);
        Assert.True(timeout.IsCancellationRequested);
    }

    [Fact]
    public async Task Many_checks_at_once_each_get_their_own_answer()
    {
        // More at once than the poller's first descriptor array holds, half against a port that refuses.
        await using var target = new ProbeTarget(() => "HTTP/1.1 200 OK\r\n\r\n");
        var closed = ProbeTarget.ClosedPort();
        var probe = new HttpHealthProbe("GET", "/health", null, 0);
        using var cancellation = new CancellationTokenSource(Generous);

        var checks = Enumerable.Range(0, 200)
            .Select(i => probe.CheckAsync(i % 2 == 0 ? target.Address : closed, false, cancellation.Token).AsTask())
            .ToList();
        var results = await Task.WhenAll(checks);

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(i % 2 == 0 ? HealthProbeResult.Success : HealthProbeResult.Fail("connect failed (ConnectionRefused)"), results[i]);
        }

        Assert.Equal(100, target.Requests.Count);
    }

    [Fact]
    public async Task An_ipv6_backend_is_checked_over_ipv6()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.IPv6Loopback, 0);
        listener.Start();
        using var cancellation = new CancellationTokenSource(Generous);

        var check = new TcpHealthProbe().CheckAsync((System.Net.IPEndPoint)listener.LocalEndpoint, false, cancellation.Token);
        using var accepted = await listener.AcceptSocketAsync(cancellation.Token);

        Assert.Equal(HealthProbeResult.Success, await check);
        Assert.Equal(System.Net.Sockets.AddressFamily.InterNetworkV6, accepted.RemoteEndPoint!.AddressFamily);
    }

    [Fact]
    public async Task A_tcp_check_passes_when_the_connection_opens()
    {
        await using var target = new ProbeTarget(() => null);
        using var cancellation = new CancellationTokenSource(Generous);

        Assert.Equal(HealthProbeResult.Success, await new TcpHealthProbe().CheckAsync(target.Address, false, cancellation.Token));
    }

    [Fact]
    public void The_factory_builds_a_probe_per_kind_and_refuses_a_password_file_it_cannot_read()
    {
        Assert.IsType<HttpHealthProbe>(HealthProbeFactory.Create(new HealthCheckConfig { Uri = "/" }));
        Assert.IsType<TcpHealthProbe>(HealthProbeFactory.Create(new HealthCheckConfig { Kind = HealthCheckKind.HealthCheckTcp }));
        Assert.IsType<Torii.Proxy.Health.Postgres.PostgresHealthProbe>(HealthProbeFactory.Create(new HealthCheckConfig { Kind = HealthCheckKind.HealthCheckPostgresql, User = "u" }));
        var unreadable = Assert.Throws<CommandException>(() => HealthProbeFactory.Create(new HealthCheckConfig { Kind = HealthCheckKind.HealthCheckPostgresql, User = "u", PasswordFile = "/nonexistent/torii-health.password" }));
        Assert.Equal("health check password_file /nonexistent/torii-health.password: cannot read it (the file does not exist)", unreadable.Message);
    }

    private static async Task<HealthProbeResult> Check(IHealthProbe probe, ProbeTarget target)
    {
        using var cancellation = new CancellationTokenSource(Generous);
        return await probe.CheckAsync(target.Address, false, cancellation.Token);
    }
}
