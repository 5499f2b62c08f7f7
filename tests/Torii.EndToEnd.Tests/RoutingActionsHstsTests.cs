using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.EndToEnd.Tests;

/// <summary>
/// HSTS through the published torii: the HTTPS listener's default, a frontend's override or
/// disable, a backend's own header kept or replaced, proxy answers included, never on plain HTTP,
/// and a listener update seen by the next connection.
/// </summary>
public sealed class RoutingActionsHstsTests : IAsyncLifetime
{
    private readonly ScriptedBackend _plainBackend = new((_, _) => ScriptedReply.Ok("ok"));
    private readonly ScriptedBackend _stsBackend = new((_, _) =>
        new ScriptedReply("HTTP/1.1 200 OK\r\nStrict-Transport-Security: max-age=5\r\nContent-Length: 2\r\n\r\nok"));

    private ToriiProcess _torii = null!;
    private int _httpsPort;
    private int _httpPort;

    public async Task InitializeAsync()
    {
        _httpsPort = FreePort.Next();
        _httpPort = FreePort.Next();
        var directory = Directory.CreateTempSubdirectory("torii-hsts-").FullName;
        var certificate = TestCertificate.SelfSigned("hsts.test");
        await File.WriteAllTextAsync(Path.Combine(directory, "cert.pem"), certificate.CertificatePem);
        await File.WriteAllTextAsync(Path.Combine(directory, "key.pem"), certificate.KeyPem);
        string Https(string host, string extra = "") => $"{{ address = \"127.0.0.1:{_httpsPort}\", hostname = \"{host}\" {extra} }}";
        _torii = await ToriiProcess.StartAsync($$"""
            [[listeners]]
            protocol = "https"
            address = "127.0.0.1:{{_httpsPort}}"
            certificate = "cert.pem"
            key = "key.pem"
            hsts = { enabled = true, max_age = 100 }

            [[listeners]]
            protocol = "http"
            address = "127.0.0.1:{{_httpPort}}"

            [clusters.app]
            protocol = "http"
            backends = [{ address = "127.0.0.1:{{_plainBackend.Port}}", backend_id = "app-1" }]
            frontends = [
              {{Https("inherit.test")}},
              {{Https("override.test", ", hsts = { enabled = true, max_age = 200, include_subdomains = true }")}},
              {{Https("off.test", ", hsts = { enabled = false }")}},
              { address = "127.0.0.1:{{_httpPort}}", hostname = "inherit.test" },
            ]

            [clusters.own]
            protocol = "http"
            backends = [{ address = "127.0.0.1:{{_stsBackend.Port}}", backend_id = "own-1" }]
            frontends = [
              {{Https("own.test")}},
              {{Https("forced.test", ", hsts = { enabled = true, max_age = 300, preload = true, force_replace_backend = true }")}},
            ]
            """, directory);
    }

    public async Task DisposeAsync()
    {
        await _torii.DisposeAsync();
        _plainBackend.Dispose();
        _stsBackend.Dispose();
    }

    [Theory]
    [InlineData("inherit.test", "max-age=100")]
    [InlineData("override.test", "max-age=200; includeSubDomains")]
    [InlineData("off.test", null)]
    [InlineData("own.test", "max-age=5")]
    [InlineData("forced.test", "max-age=300; preload")]
    [InlineData("unknown.test", "max-age=100")]
    public async Task Https_responses_carry_the_policy_of_their_frontend(string host, string? expected)
    {
        var response = await GetOverTlsAsync(host);

        Assert.Equal(host == "unknown.test" ? 404 : 200, response.StatusCode);
        Assert.Equal(expected, response.Header("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Plain_http_never_carries_hsts()
    {
        var response = await RawHttpConnection.GetAsync(_httpPort, "inherit.test", "/");

        Assert.Equal(200, response.StatusCode);
        Assert.Null(response.Header("Strict-Transport-Security"));
    }

    [Fact]
    public async Task A_listener_update_changes_the_default_for_new_connections_but_not_the_overrides()
    {
        await _torii.MustAsync(new Request
        {
            UpdateHttpsListener = new UpdateHttpsListenerConfig
            {
                Address = Requests.Loopback(_httpsPort),
                Hsts = new HstsConfig { Enabled = true, MaxAge = 50, IncludeSubdomains = true },
            },
        });

        Assert.Equal("max-age=50; includeSubDomains", (await GetOverTlsAsync("inherit.test")).Header("Strict-Transport-Security"));
        Assert.Equal("max-age=200; includeSubDomains", (await GetOverTlsAsync("override.test")).Header("Strict-Transport-Security"));

        var refused = await _torii.SendAsync(new Request
        {
            UpdateHttpsListener = new UpdateHttpsListenerConfig { Address = Requests.Loopback(_httpsPort), Hsts = new HstsConfig { MaxAge = 1 } },
        });
        Assert.Equal(ResponseStatus.Failure, refused.Status);
        Assert.Contains("hsts.enabled is required", refused.Message, StringComparison.Ordinal);
    }

    private async Task<RawHttpResponse> GetOverTlsAsync(string host)
    {
        await using var probe = await TlsProbe.ConnectAsync(_httpsPort, host);
        return await probe.GetAsync(host, "/");
    }
}
