using System.Globalization;
using System.Net;
using System.Text.Json;
using Torii.Connectors.Monitoring;
using Torii.Connectors.Pki.Monitoring;
using Torii.Connectors.Pki.Reconciling;
using Torii.Connectors.Pki.Tests.Infrastructure;
using Torii.Connectors.Prometheus.Tests.EndToEnd;

namespace Torii.Connectors.Pki.Tests.Monitoring;

public sealed class PkiMonitorTests
{
    private const string Label = "{connector=\"torii-pki\"}";
    private static readonly DateTimeOffset Now = new(2030, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ConnectorMetrics _metrics = new("torii-pki");
    private readonly PkiMonitor _monitor;

    public PkiMonitorTests()
    {
        _monitor = new PkiMonitor(_metrics, new FixedTime(Now));
    }

    [Fact]
    public async Task A_completed_pass_sets_the_gauges_and_counts_once()
    {
        _monitor.PassCompleted(Outcome(managed: 3, unusable: 1, refused: 1, Now.AddDays(10)));

        ExpositionSamples samples = await ScrapeAsync();

        Assert.Equal(3, samples[$"torii_pki_certificates_managed{Label}"]);
        Assert.Equal(2, samples[$"torii_pki_pairs_unusable{Label}"]);
        Assert.Equal(1, samples[$"torii_pki_passes_total{Label}"]);
        Assert.Equal(Now.ToUnixTimeSeconds(), samples[$"torii_pki_last_pass_timestamp_seconds{Label}"]);
        Assert.Equal(TimeSpan.FromDays(10).TotalSeconds, samples[$"torii_pki_earliest_expiry_seconds{Label}"]);
    }

    [Fact]
    public async Task The_earliest_expiry_is_absent_while_no_certificate_is_managed()
    {
        ExpositionSamples before = await ScrapeAsync();
        _monitor.PassCompleted(Outcome(managed: 1, unusable: 0, refused: 0, Now.AddDays(-1)));
        ExpositionSamples expired = await ScrapeAsync();
        _monitor.PassCompleted(Outcome(managed: 0, unusable: 0, refused: 0, earliestExpiry: null));
        ExpositionSamples none = await ScrapeAsync();

        Assert.Null(before[$"torii_pki_earliest_expiry_seconds{Label}"]);
        Assert.Equal(0, before[$"torii_pki_last_pass_timestamp_seconds{Label}"]);
        Assert.Equal(-TimeSpan.FromDays(1).TotalSeconds, expired[$"torii_pki_earliest_expiry_seconds{Label}"]);
        Assert.Null(none[$"torii_pki_earliest_expiry_seconds{Label}"]);
        Assert.Equal(2, none[$"torii_pki_passes_total{Label}"]);
    }

    [Fact]
    public void Healthy_once_a_pass_reached_the_proxy_and_until_one_fails()
    {
        HealthReport starting = _monitor.Report();
        _monitor.PassCompleted(Outcome(managed: 0, unusable: 0, refused: 0, earliestExpiry: null));
        HealthReport passed = _monitor.Report();
        _monitor.PassFailed("cannot reach the proxy:\nconnection refused");
        HealthReport failed = _monitor.Report();

        Assert.Equal(new HealthReport(false, "no pass has reached the proxy yet"), starting);
        Assert.Equal(HealthReport.Healthy, passed);
        Assert.Equal(new HealthReport(false, "cannot reach the proxy: connection refused"), failed);
    }

    [Fact]
    public async Task The_counters_json_reads_the_values_of_the_metrics()
    {
        _monitor.PairRejected();
        _monitor.PassCompleted(Outcome(managed: 2, unusable: 1, refused: 0, Now.AddDays(3)));

        await using HealthServer server = await HealthServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), _monitor, _metrics, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri($"http://{server.Address}") };
        using JsonDocument json = JsonDocument.Parse(await http.GetStringAsync("/counters"));
        var samples = new ExpositionSamples(await http.GetStringAsync("/metrics"));

        JsonElement root = json.RootElement;
        Assert.Equal("ok", root.GetProperty("status").GetString());
        Assert.Equal(samples[$"torii_pki_certificates_managed{Label}"], root.GetProperty("certificates_managed").GetInt64());
        Assert.Equal(samples[$"torii_pki_pairs_unusable{Label}"], root.GetProperty("pairs_unusable").GetInt64());
        Assert.Equal(samples[$"torii_pki_pairs_rejected_total{Label}"], root.GetProperty("pairs_rejected").GetInt64());
        Assert.Equal(samples[$"torii_pki_passes_total{Label}"], root.GetProperty("passes").GetInt64());
        Assert.Equal(samples[$"torii_pki_last_pass_timestamp_seconds{Label}"], root.GetProperty("last_pass").GetDouble());
        Assert.Equal(samples[$"torii_pki_earliest_expiry_seconds{Label}"], root.GetProperty("earliest_expiry_seconds").GetDouble());
        Assert.Equal(1, root.GetProperty("pairs_rejected").GetInt64());
        Assert.Equal(TimeSpan.FromDays(3).TotalSeconds.ToString(CultureInfo.InvariantCulture), root.GetProperty("earliest_expiry_seconds").GetRawText());
    }

    private static ReconcileOutcome Outcome(int managed, int unusable, int refused, DateTimeOffset? earliestExpiry) =>
        new(Pairs: managed + unusable, unusable, Added: 0, Replaced: 0, Removed: 0, refused, managed, earliestExpiry);

    private async Task<ExpositionSamples> ScrapeAsync() => new(await _metrics.ExportTextAsync());
}
