using System.Diagnostics;
using System.Net.Security;
using System.Security.Authentication;
using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.EndToEnd.Tests;

/// <summary>HTTPS listeners: SNI picks the certificate, certificates change live, bad certificates and clients are refused.</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task Sni_selects_the_certificate_and_requests_reach_the_backend_over_tls()
    {
        await using var tls = await TlsProxy.StartAsync();
        var app = TestCertificate.SelfSigned("app.test");
        var wildcard = TestCertificate.SelfSigned("*.example.test");
        await tls.AddCertificateAsync(app);
        await tls.AddCertificateAsync(wildcard);

        await using (var probe = await TlsProbe.ConnectAsync(tls.Port, "app.test"))
        {
            Assert.Equal(app.Fingerprint, probe.Fingerprint);
            var response = await probe.GetAsync("app.test", "/headers");
            Assert.Equal(200, response.StatusCode);
            Assert.Contains("X-Forwarded-Proto: https", response.Body);
        }

        await using (var probe = await TlsProbe.ConnectAsync(tls.Port, "shop.example.test"))
        {
            Assert.Equal(wildcard.Fingerprint, probe.Fingerprint);
        }

        Assert.True(await TlsProbe.HandshakeFailsAsync(tls.Port, "unknown.test"));
        Assert.True(await TlsProbe.HandshakeFailsAsync(tls.Port, serverName: null));
    }

    [Fact]
    public async Task Certificates_from_workers_are_the_ones_a_handshake_is_served()
    {
        await using var tls = await TlsProxy.StartAsync();
        var app = TestCertificate.SelfSigned("app.test");
        var wildcard = TestCertificate.SelfSigned("*.example.test");
        await tls.AddCertificateAsync(app);
        await tls.AddCertificateAsync(wildcard);

        var all = await tls.Torii.MustAsync(new Request { QueryCertificatesFromWorkers = new QueryCertificatesFilters() });
        var shop = await tls.Torii.MustAsync(new Request { QueryCertificatesFromWorkers = new QueryCertificatesFilters { Domain = "shop.example.test" } });
        var unknown = await tls.Torii.MustAsync(new Request { QueryCertificatesFromWorkers = new QueryCertificatesFilters { Domain = "unknown.test" } });

        var worker = Assert.Single(all.Content.WorkerResponses.Map);
        Assert.Equal("0", worker.Key);
        var listener = Assert.Single(worker.Value.CertificatesByAddress.Certificates);
        Assert.Equal(tls.Port, (int)listener.Address.Port);
        Assert.Equal(
            new[] { ("*.example.test", wildcard.Fingerprint), ("app.test", app.Fingerprint) }.Order(),
            listener.CertificateSummaries.Select(summary => (summary.Domain, summary.Fingerprint)).Order());
        await using (var probe = await TlsProbe.ConnectAsync(tls.Port, "shop.example.test"))
        {
            var served = Assert.Single(shop.Content.WorkerResponses.Map["0"].CertificatesByAddress.Certificates.Single().CertificateSummaries);
            Assert.Equal(probe.Fingerprint, served.Fingerprint);
        }

        Assert.Empty(unknown.Content.WorkerResponses.Map["0"].CertificatesByAddress.Certificates.Single().CertificateSummaries);
    }

    [Theory]
    [InlineData(SslProtocols.Tls13, "TLS13_CHACHA20_POLY1305_SHA256", TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256)]
    [InlineData(SslProtocols.Tls12, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)]
    public async Task The_listener_s_cipher_list_is_the_only_suite_a_client_can_get(SslProtocols protocol, string configured, TlsCipherSuite expected)
    {
        var certificate = TestCertificate.SelfSigned("app.test");
        await using var tls = await TlsProxy.StartAsync(certificate, cipherList: [configured]);

        await using var probe = await TlsProbe.ConnectAsync(tls.Port, "app.test", protocol);

        Assert.Equal(expected, probe.CipherSuite);
        Assert.Equal(200, (await probe.GetAsync("app.test", "/")).StatusCode);
    }

    [Fact]
    public async Task A_cipher_list_with_no_suite_for_the_listener_s_versions_is_refused_and_adds_nothing()
    {
        await using var torii = await ToriiProcess.StartAsync("");
        var listener = new HttpsListenerConfig
        {
            Address = Requests.Loopback(FreePort.Next()),
            Versions = { TlsVersion.TlsV13 },
            CipherList = { "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" },
        };

        var response = await torii.SendAsync(new Request { AddHttpsListener = listener });

        Assert.Equal(ResponseStatus.Failure, response.Status);
        Assert.Contains("cipher_list has no suite", response.Message);
        Assert.Empty((await torii.MustAsync(new Request { ListListeners = new ListListeners() })).Content.ListenersList.HttpsListeners);
    }

    [Fact]
    public async Task List_workers_answers_as_a_one_worker_sozu()
    {
        await using var torii = await ToriiProcess.StartAsync("");

        var response = await torii.MustAsync(new Request { ListWorkers = new ListWorkers() });

        var worker = Assert.Single(response.Content.Workers.Vec);
        Assert.Equal((0u, torii.Pid, RunState.Running), (worker.Id, worker.Pid, worker.RunState));
    }

    [Fact]
    public async Task Listener_default_certificate_answers_unknown_names()
    {
        var fallback = TestCertificate.SelfSigned("default.test");
        await using var tls = await TlsProxy.StartAsync(fallback);
        await using var probe = await TlsProbe.ConnectAsync(tls.Port, "whatever.test");
        Assert.Equal(fallback.Fingerprint, probe.Fingerprint);
    }

    [Fact]
    public async Task Replacing_a_certificate_keeps_open_connections_and_serves_the_new_one_to_new_connections()
    {
        await using var tls = await TlsProxy.StartAsync();
        var old = TestCertificate.SelfSigned("app.test");
        var renewed = TestCertificate.SelfSigned("app.test");
        await tls.AddCertificateAsync(old);
        await using var open = await TlsProbe.ConnectAsync(tls.Port, "app.test");
        Assert.Equal(200, (await open.GetAsync("app.test", "/")).StatusCode);

        await tls.Torii.MustAsync(new Request
        {
            ReplaceCertificate = new ReplaceCertificate { Address = Requests.Loopback(tls.Port), OldFingerprint = old.Fingerprint, NewCertificate = renewed.ToProto() },
        });

        Assert.Equal(200, (await open.GetAsync("app.test", "/still-open")).StatusCode);
        await using (var fresh = await TlsProbe.ConnectAsync(tls.Port, "app.test"))
        {
            Assert.Equal(renewed.Fingerprint, fresh.Fingerprint);
        }

        await tls.Torii.MustAsync(new Request
        {
            RemoveCertificate = new RemoveCertificate { Address = Requests.Loopback(tls.Port), Fingerprint = renewed.Fingerprint },
        });
        Assert.True(await TlsProbe.HandshakeFailsAsync(tls.Port, "app.test"));
        Assert.Equal(200, (await open.GetAsync("app.test", "/after-removal")).StatusCode);
    }

    [Fact]
    public async Task Certificate_expiring_last_wins_for_a_name()
    {
        await using var tls = await TlsProxy.StartAsync();
        var shortLived = TestCertificate.SelfSignedValidFor(5, "app.test");
        var longLived = TestCertificate.SelfSignedValidFor(90, "app.test");
        await tls.AddCertificateAsync(longLived);
        await tls.AddCertificateAsync(shortLived);
        await using var probe = await TlsProbe.ConnectAsync(tls.Port, "app.test");
        Assert.Equal(longLived.Fingerprint, probe.Fingerprint);
    }

    [Fact]
    public async Task Bad_certificates_are_refused_and_change_nothing()
    {
        await using var tls = await TlsProxy.StartAsync();
        var good = TestCertificate.SelfSigned("app.test");
        var other = TestCertificate.SelfSigned("other.test");
        var chained = TestCertificate.WithIntermediate("chain.test");
        await tls.AddCertificateAsync(good);

        await AssertRefusedAsync(tls, new CertificateAndKey { Certificate = "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----", Key = good.KeyPem }, "PEM");
        await AssertRefusedAsync(tls, new CertificateAndKey { Certificate = good.CertificatePem, Key = other.KeyPem }, "key");
        await AssertRefusedAsync(tls, new CertificateAndKey { Certificate = chained.CertificatePem, Key = chained.KeyPem, CertificateChain = { other.CertificatePem } }, "out of order");
        var nameless = TestCertificate.SelfSigned();
        await AssertRefusedAsync(tls, nameless.ToProto(), "names no host");
        var replaceUnknown = await tls.Torii.SendAsync(new Request
        {
            ReplaceCertificate = new ReplaceCertificate { Address = Requests.Loopback(tls.Port), OldFingerprint = new string('0', 64), NewCertificate = other.ToProto() },
        });
        Assert.Equal(ResponseStatus.Failure, replaceUnknown.Status);

        var listed = await tls.Torii.MustAsync(new Request { QueryCertificatesFromTheState = new QueryCertificatesFilters() });
        var summaries = listed.Content.CertificatesByAddress.Certificates.SelectMany(byAddress => byAddress.CertificateSummaries).ToList();
        Assert.Equal([("app.test", good.Fingerprint)], summaries.Select(summary => (summary.Domain, summary.Fingerprint)));
        await using var probe = await TlsProbe.ConnectAsync(tls.Port, "app.test");
        Assert.Equal(good.Fingerprint, probe.Fingerprint);
    }

    [Fact]
    public async Task Plain_bytes_and_refused_protocol_versions_fail_only_their_own_handshake()
    {
        await using var tls = await TlsProxy.StartAsync(versions: [TlsVersion.TlsV13]);
        await tls.AddCertificateAsync(TestCertificate.SelfSigned("app.test"));
        await using var open = await TlsProbe.ConnectAsync(tls.Port, "app.test");

        await using (var plain = await RawHttpConnection.OpenAsync(tls.Port))
        {
            await plain.SendRawAsync("GET / HTTP/1.1\r\nHost: app.test\r\n\r\n");
            Assert.True(await plain.IsClosedByPeerAsync(TimeSpan.FromSeconds(10)));
        }

        Assert.True(await TlsProbe.HandshakeFailsAsync(tls.Port, "app.test", SslProtocols.Tls12));
        Assert.Equal(200, (await open.GetAsync("app.test", "/")).StatusCode);
    }

    [Fact]
    public async Task Curl_reaches_the_backend_through_the_https_listener()
    {
        await using var tls = await TlsProxy.StartAsync();
        await tls.AddCertificateAsync(TestCertificate.SelfSigned("app.test"));
        var curl = Process.Start(new ProcessStartInfo("curl", ["-sk", "--resolve", $"app.test:{tls.Port}:127.0.0.1", $"https://app.test:{tls.Port}/via-curl"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await curl.StandardOutput.ReadToEndAsync();
        await curl.WaitForExitAsync();
        Assert.True(curl.ExitCode == 0, await curl.StandardError.ReadToEndAsync());
        Assert.Equal("first /via-curl", output);
    }

    [Fact]
    public async Task Https_redirect_cluster_sends_plain_http_to_https()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        var cluster = Requests.Cluster("secure");
        cluster.AddCluster.HttpsRedirect = true;
        await proxy.Torii.MustAsync(cluster);
        await proxy.Torii.MustAsync(Requests.AddFrontend("secure", proxy.HttpPort, "secure.test"));
        await proxy.Torii.MustAsync(Requests.Backend("secure", "first", proxy.First));

        var response = await proxy.GetAsync("secure.test:8080", "/login?next=/");
        Assert.Equal(301, response.StatusCode);
        Assert.Equal("https://secure.test/login?next=/", response.Header("Location"));
    }

    private static async Task AssertRefusedAsync(TlsProxy tls, CertificateAndKey certificate, string reason)
    {
        var response = await tls.Torii.SendAsync(new Request { AddCertificate = new AddCertificate { Address = Requests.Loopback(tls.Port), Certificate = certificate } });
        Assert.Equal(ResponseStatus.Failure, response.Status);
        Assert.Contains(reason, response.Message, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>torii with one HTTPS listener, a cluster on app.test and *.example.test, and a real backend.</summary>
    private sealed class TlsProxy : IAsyncDisposable
    {
        private TlsProxy(ToriiProcess torii, TestBackend backend, int port)
        {
            Torii = torii;
            Backend = backend;
            Port = port;
        }

        public ToriiProcess Torii { get; }

        public TestBackend Backend { get; }

        public int Port { get; }

        public static async Task<TlsProxy> StartAsync(TestCertificate? defaultCertificate = null, TlsVersion[]? versions = null, string[]? cipherList = null)
        {
            var backend = await TestBackend.StartAsync("first");
            var torii = await ToriiProcess.StartAsync("");
            var port = FreePort.Next();
            var listener = new HttpsListenerConfig { Address = Requests.Loopback(port), Active = true, Versions = { versions ?? [] }, CipherList = { cipherList ?? [] } };
            if (defaultCertificate is not null)
            {
                listener.Certificate = defaultCertificate.CertificatePem;
                listener.Key = defaultCertificate.KeyPem;
            }

            await torii.MustAsync(new Request { AddHttpsListener = listener });
            await torii.MustAsync(Requests.Cluster("app"));
            await torii.MustAsync(Requests.Backend("app", "first", backend));
            foreach (var hostname in new[] { "app.test", "*.example.test" })
            {
                await torii.MustAsync(new Request { AddHttpsFrontend = Requests.Frontend("app", port, hostname) });
            }

            return new TlsProxy(torii, backend, port);
        }

        public Task AddCertificateAsync(TestCertificate certificate) =>
            Torii.MustAsync(new Request { AddCertificate = new AddCertificate { Address = Requests.Loopback(Port), Certificate = certificate.ToProto() } });

        public async ValueTask DisposeAsync()
        {
            await Torii.DisposeAsync();
            await Backend.DisposeAsync();
        }
    }
}
