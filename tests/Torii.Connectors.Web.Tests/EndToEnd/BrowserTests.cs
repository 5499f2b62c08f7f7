using Microsoft.Playwright;
using Torii.Client;
using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;
using static Microsoft.Playwright.Assertions;

namespace Torii.Connectors.Web.Tests.EndToEnd;

/// <summary>A real browser (Debian's chromium) on the published torii-web in front of a real torii.</summary>
public sealed class BrowserTests : IAsyncLifetime
{
    private WebConsole _console = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _console = await WebConsole.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await SystemChromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _console.DisposeAsync();
    }

    [Fact]
    public async Task A_backend_added_through_the_form_receives_the_requests_torii_routes()
    {
        await using TestBackend backend = await TestBackend.StartAsync("added-in-browser");
        await _console.Torii.MustAsync(Requests.Cluster("app"));
        await _console.Torii.MustAsync(Requests.AddFrontend("app", _console.HttpPort, "app.test"));
        IPage page = await SignedInPageAsync("/clusters");
        await Expect(page.Locator("section[data-cluster='app'] h2")).ToHaveTextAsync("app");

        await page.SelectOptionAsync("#add-backend select[name='cluster_id']", "app");
        await page.FillAsync("#add-backend input[name='backend_id']", "web1");
        await page.FillAsync("#add-backend input[name='address']", backend.Address);
        await page.ClickAsync("#add-backend button[type='submit']");

        await Expect(page.Locator(".notice")).ToContainTextAsync("backend web1 added");
        await Expect(page.Locator("section[data-cluster='app'] tr[data-backend='web1']")).ToContainTextAsync(backend.Address);
        RawHttpResponse response = await RawHttpConnection.GetAsync(_console.HttpPort, "app.test", "/through-torii");
        Assert.Equal(200, response.StatusCode);
        Assert.Contains("added-in-browser /through-torii", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stopped_backend_turns_down_on_the_open_page_within_two_seconds()
    {
        TestBackend backend = await TestBackend.StartAsync("doomed");
        await _console.Torii.MustAsync(Requests.Cluster("app"));
        await _console.Torii.MustAsync(Requests.Backend("app", "b1", backend));
        await _console.Torii.Client.SetHealthCheckAsync("app", new HealthCheckConfig
        {
            Uri = "/health", Interval = 1, Timeout = 1, HealthyThreshold = 1, UnhealthyThreshold = 1,
        });
        IPage page = await SignedInPageAsync("/clusters");
        ILocator health = page.Locator("section[data-cluster='app'] tr[data-backend='b1'] td.health");
        await Expect(health).ToHaveTextAsync("UP", new() { Timeout = 15_000 });
        await page.EvaluateAsync("() => { window.sameDocument = true; }");

        await backend.DisposeAsync();

        await Expect(health).ToHaveTextAsync("DOWN", new() { Timeout = 2_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page was reloaded");
    }

    [Fact]
    public async Task A_certificate_uploaded_as_pem_files_is_listed_and_flagged_when_it_expires_soon()
    {
        TestCertificate certificate = TestCertificate.SelfSignedValidFor(10, "shop.test");
        string directory = Directory.CreateTempSubdirectory("torii-web-pem-").FullName;
        string certificatePath = Path.Combine(directory, "shop.test.crt");
        string keyPath = Path.Combine(directory, "shop.test.key");
        await File.WriteAllTextAsync(certificatePath, certificate.CertificatePem);
        await File.WriteAllTextAsync(keyPath, certificate.KeyPem);
        IPage page = await SignedInPageAsync("/certificates");

        await page.SelectOptionAsync("#add-certificate select[name='address']", $"127.0.0.1:{_console.HttpsPort}");
        await page.SetInputFilesAsync("#add-certificate input[name='certificate']", certificatePath);
        await page.SetInputFilesAsync("#add-certificate input[name='key']", keyPath);
        await page.ClickAsync("#add-certificate button[type='submit']");

        ILocator row = page.Locator($"tr[data-fingerprint='{certificate.Fingerprint}']");
        await Expect(row).ToContainTextAsync("shop.test");
        await Expect(row.Locator(".soon")).ToHaveTextAsync("expires within 14 days");
        ResponseContent listed = await _console.Torii.Client.QueryCertificatesAsync(new QueryCertificatesFilters { Fingerprint = certificate.Fingerprint });
        Assert.Single(listed.CertificatesWithFingerprints.Certs);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task The_overview_charts_live_traffic_and_lists_the_events()
    {
        await using TestBackend backend = await TestBackend.StartAsync("charted");
        await _console.Torii.MustAsync(Requests.Cluster("shop"));
        await _console.Torii.MustAsync(Requests.AddFrontend("shop", _console.HttpPort, "shop.test"));
        await _console.Torii.MustAsync(Requests.Backend("shop", "web1", backend));
        IPage page = await SignedInPageAsync("/");
        await Expect(page.Locator("#feed")).ToContainTextAsync("ClusterAdded");

        using var traffic = new CancellationTokenSource();
        Task load = SendTrafficAsync(traffic.Token);
        await Expect(page.Locator("[data-value='requestRate']")).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(0)?$"), new() { Timeout = 10_000 });
        // Eight more seconds of traffic drawn, one point a second: a line the screenshot shows.
        ILocator line = page.Locator("svg[data-chart='requestRate'] path.line0");
        int drawn = ((await line.GetAttributeAsync("d")) ?? "").Count(c => c == 'L');
        await Expect(line).ToHaveAttributeAsync("d", new System.Text.RegularExpressions.Regex($"(L[^L]*){{{drawn + 8}}}"), new() { Timeout = 30_000 });
        await traffic.CancelAsync();
        await load;

        string artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(artifacts);
        await page.SetViewportSizeAsync(1280, 900);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, "torii-web-overview.png"), FullPage = true });
        if (Environment.GetEnvironmentVariable("TORII_WEB_README_SCREENSHOT") == "1")
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.Root, "docs", "images", "torii-web-overview.png"), FullPage = true });
        }
    }

    [Fact]
    public async Task After_the_proxy_restarts_the_open_page_shows_the_new_proxy_state_without_reload()
    {
        await _console.Torii.MustAsync(Requests.Cluster("before-restart"));
        IPage page = await SignedInPageAsync("/clusters");
        await Expect(page.Locator("section[data-cluster='before-restart']")).ToHaveCountAsync(1);
        await page.EvaluateAsync("() => { window.sameDocument = true; }");

        await _console.RestartProxyAsync();
        await _console.Torii.MustAsync(Requests.Cluster("after-restart"));

        // The restarted proxy lost the cluster added by request; the page shows what the new proxy has.
        await Expect(page.Locator("section[data-cluster='after-restart']")).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        await Expect(page.Locator("section[data-cluster='before-restart']")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page was reloaded");
    }

    private async Task SendTrafficAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            RawHttpResponse response = await RawHttpConnection.GetAsync(_console.HttpPort, "shop.test", "/");
            Assert.Equal(200, response.StatusCode);
        }
    }

    private async Task<IPage> SignedInPageAsync(string path)
    {
        IPage page = await _browser.NewPageAsync();
        await page.GotoAsync(new Uri(_console.BaseAddress, path).ToString());
        Assert.EndsWith("/login", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await page.FillAsync("input[name='user']", "admin");
        await page.FillAsync("input[name='password']", WebConsole.AdminPassword);
        await page.ClickAsync("button[type='submit']");
        await Expect(page).ToHaveURLAsync(new Uri(_console.BaseAddress, path).ToString());
        // The live stream is open once its first message (resync) has been handled.
        await Expect(page.Locator("#connection")).ToHaveTextAsync("live");
        return page;
    }
}
