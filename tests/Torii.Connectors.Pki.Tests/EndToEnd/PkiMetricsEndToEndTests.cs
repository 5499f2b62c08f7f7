using System.Net;
using System.Text.Json;
using Torii.Connectors.Pki.Tests.EndToEnd.Infrastructure;
using Torii.Connectors.Pki.Tests.Infrastructure;
using Torii.Connectors.Prometheus.Tests.EndToEnd;
using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.Connectors.Pki.Tests.EndToEnd;

/// <summary>The published torii-pki beside a real torii, its HTTP endpoint read by curl-like clients, promtool and a real Prometheus.</summary>
public sealed class PkiMetricsEndToEndTests : IDisposable
{
    private const string Label = "{connector=\"torii-pki\"}";

    private readonly CertificateDirectory _certificates = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task Metrics_counters_and_healthz_are_served_on_the_configured_address_only_and_promtool_accepts_the_metrics()
    {
        await using HttpsProxy proxy = await HttpsProxy.StartAsync("shop.test", "api.test");
        TestPair shop = TestCertificates.SelfSigned("shop.test", DateTimeOffset.UtcNow.AddDays(20));
        TestPair api = TestCertificates.SelfSigned("api.test", DateTimeOffset.UtcNow.AddDays(60));
        _certificates.WriteNested("shop", shop);
        _certificates.WriteFlat("api", api);
        _certificates.WriteFile("broken.crt", shop.CertificateFile);
        int port = FreePort.Next();
        await using PkiProcess pki = StartPki(proxy, "--healthz-address", $"127.0.0.1:{port}");
        await pki.WaitForAsync("in step with the proxy: 3 pairs in the directory (1 unusable), 2 added");

        string text = await _http.GetStringAsync(Url(port, "/metrics"));
        var samples = new ExpositionSamples(text);
        var (exitCode, output) = await Promtool.CheckMetricsAsync(text);
        using HttpResponseMessage healthz = await _http.GetAsync(Url(port, "/healthz"));
        using JsonDocument counters = JsonDocument.Parse(await _http.GetStringAsync(Url(port, "/counters")));

        Assert.True(exitCode == 0, $"promtool check metrics exited {exitCode}:\n{output}\n--- exposition ---\n{text}");
        Assert.Equal(2, samples[$"torii_pki_certificates_managed{Label}"]);
        Assert.Equal(1, samples[$"torii_pki_pairs_unusable{Label}"]);
        Assert.Equal(1, samples[$"torii_pki_pairs_rejected_total{Label}"]);
        Assert.True(samples[$"torii_pki_passes_total{Label}"] >= 1);
        Assert.InRange(samples[$"torii_pki_last_pass_timestamp_seconds{Label}"]!.Value, DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.InRange(samples[$"torii_pki_earliest_expiry_seconds{Label}"]!.Value, TimeSpan.FromDays(20).TotalSeconds - 300, TimeSpan.FromDays(20).TotalSeconds);
        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        Assert.Equal("ok", counters.RootElement.GetProperty("status").GetString());
        Assert.Equal(2, counters.RootElement.GetProperty("certificates_managed").GetInt64());
        Assert.Equal([new IPEndPoint(IPAddress.Loopback, port)], ListeningSockets.Of(pki.Id));
    }

    [Fact]
    public async Task Without_a_healthz_address_nothing_listens()
    {
        await using HttpsProxy proxy = await HttpsProxy.StartAsync("shop.test");
        _certificates.WriteFlat("shop", TestCertificates.SelfSigned("shop.test"));
        await using PkiProcess pki = StartPki(proxy);
        await pki.WaitForAsync("in step with the proxy");

        Assert.Empty(ListeningSockets.Of(pki.Id));
        Assert.Equal(0, pki.Count("health on http://"));
    }

    [Fact]
    public async Task A_prometheus_server_scraping_the_connector_reports_the_certificates_it_manages()
    {
        await using HttpsProxy proxy = await HttpsProxy.StartAsync("one.test", "two.test");
        _certificates.WriteFlat("one", TestCertificates.SelfSigned("one.test"));
        _certificates.WriteFlat("two", TestCertificates.SelfSigned("two.test"));
        int port = FreePort.Next();
        await using PkiProcess pki = StartPki(proxy, "--healthz-address", $"127.0.0.1:{port}");
        await pki.WaitForAsync("health on http://");

        await using PrometheusServer prometheus = await PrometheusServer.StartAsync(port);

        await Eventually.HoldsAsync(async () =>
        {
            var series = await prometheus.QueryAsync("torii_pki_certificates_managed");
            var (labels, value) = series.FirstOrDefault();
            return series.Count == 1 && value == "2" && labels["connector"] == "torii-pki" && labels["job"] == "torii"
                ? null
                : $"Prometheus has torii_pki_certificates_managed = [{string.Join(", ", series.Select(s => s.Value))}] (want one series of 2)\n--- prometheus ---\n{prometheus.Output}";
        }, TimeSpan.FromSeconds(60));
        var up = await prometheus.QueryAsync("up{job=\"torii\"}");
        Assert.Equal("1", Assert.Single(up).Value);
    }

    private PkiProcess StartPki(HttpsProxy proxy, params string[] extraArguments) =>
        PkiProcess.Start(_certificates.Path, proxy.Address, proxy.Torii.SocketPath, _certificates.Root, extraArguments);

    private static Uri Url(int port, string path) => new($"http://127.0.0.1:{port}{path}");

    public void Dispose()
    {
        _http.Dispose();
        _certificates.Dispose();
    }
}
