using Torii.Connectors.Applying;
using Torii.Connectors.Monitoring;
using Torii.Connectors.Pki.Loading;
using Torii.Connectors.Pki.Monitoring;
using Torii.Connectors.Pki.Reconciling;
using Torii.Connectors.Pki.Tests.Infrastructure;
using Torii.Connectors.Pki.Watching;
using Torii.Connectors.Prometheus.Tests.EndToEnd;
using Torii.Protocol;

namespace Torii.Connectors.Pki.Tests;

public sealed class PkiConnectorTests : IDisposable
{
    private readonly CertificateDirectory _directory = new();
    private readonly FakeProxyCertificates _proxy = new();
    private readonly LogCapture _log = new();
    private readonly PkiMonitor _monitor = new(new ConnectorMetrics("torii-pki"), TimeProvider.System);
    private readonly CancellationTokenSource _stopping = new();

    [Fact]
    public async Task A_pair_dropped_in_is_added_on_its_file_events()
    {
        TestPair pair = TestCertificates.SelfSigned("shop.test");
        Task running = StartAsync(rescanInterval: TimeSpan.FromHours(1));
        await _proxy.WaitUntilAsync(proxy => proxy.Queries > 0);

        _directory.WriteNested("shop", pair);

        await _proxy.WaitUntilAsync(proxy => proxy.Fingerprints.Contains(pair.Fingerprint));
        await StopAsync(running);
    }

    [Fact]
    public async Task A_missed_event_heals_on_the_next_rescan()
    {
        TestPair pair = TestCertificates.SelfSigned("shop.test");
        using var elsewhere = new CertificateDirectory();
        Task running = StartAsync(rescanInterval: TimeSpan.FromMilliseconds(100), watched: elsewhere.Path);
        await _proxy.WaitUntilAsync(proxy => proxy.Queries > 0);

        _directory.WriteFlat("shop", pair);

        await _proxy.WaitUntilAsync(proxy => proxy.Fingerprints.Contains(pair.Fingerprint));
        await StopAsync(running);
    }

    [Fact]
    public async Task An_unreachable_proxy_is_retried_and_caught_up_with()
    {
        TestPair first = TestCertificates.SelfSigned("first.test");
        TestPair second = TestCertificates.SelfSigned("second.test");
        _directory.WriteFlat("first", first);
        _proxy.Reachable = false;
        Task running = StartAsync(rescanInterval: TimeSpan.FromHours(1));
        await _log.WaitForAsync("cannot reach the proxy");
        _directory.WriteFlat("second", second);

        _proxy.Reachable = true;

        await _proxy.WaitUntilAsync(proxy => proxy.Fingerprints.SetEquals([first.Fingerprint, second.Fingerprint]));
        Assert.Equal(1, _log.Count("cannot reach the proxy"));
        await StopAsync(running);
    }

    [Fact]
    public async Task A_directory_that_disappears_removes_nothing_until_it_is_back()
    {
        TestPair pair = TestCertificates.SelfSigned("shop.test");
        TestPair other = TestCertificates.SelfSigned("other.test");
        _directory.WriteFlat("shop", pair);
        Task running = StartAsync(rescanInterval: TimeSpan.FromMilliseconds(100));
        await _proxy.WaitUntilAsync(proxy => proxy.Fingerprints.Contains(pair.Fingerprint));

        Directory.Delete(_directory.Path, recursive: true);
        await _log.WaitForAsync("nothing changed");
        Assert.Equal([$"add {pair.Fingerprint}"], _proxy.Calls);
        Directory.CreateDirectory(_directory.Path);
        _directory.WriteFlat("other", other);

        await _proxy.WaitUntilAsync(proxy => proxy.Fingerprints.Contains(other.Fingerprint));
        await StopAsync(running);
    }

    [Fact]
    public async Task An_unreachable_proxy_makes_it_unhealthy_and_each_pass_that_reaches_it_is_counted()
    {
        TestPair pair = TestCertificates.SelfSigned("shop.test");
        _directory.WriteFlat("shop", pair);
        _proxy.Reachable = false;
        Task running = StartAsync(rescanInterval: TimeSpan.FromMilliseconds(100));
        await _log.WaitForAsync("cannot reach the proxy");

        Assert.Equal(0, _monitor.Passes);
        Assert.StartsWith("cannot reach the proxy: ", _monitor.Report().Reason);

        _proxy.Reachable = true;
        await Eventually.HoldsAsync(() => Task.FromResult(_monitor.Passes >= 2 ? null : $"{_monitor.Passes} passes"), TimeSpan.FromSeconds(30));

        Assert.Equal(HealthReport.Healthy, _monitor.Report());
        Assert.Equal(1, _monitor.CertificatesManaged);
        Assert.Equal(new HashSet<string> { pair.Fingerprint }, _proxy.Fingerprints);
        await StopAsync(running);
    }

    private Task StartAsync(TimeSpan rescanInterval, string? watched = null)
    {
        var reconciler = new Reconciler(
            _directory.Path,
            SocketAddresses.Parse("127.0.0.1:8443"),
            _proxy,
            CertificateOwnership.InMemory("127.0.0.1:8443"),
            new CertificatePairLoader(TimeProvider.System),
            _log.Log,
            _monitor);
        var watcher = new DirectoryWatcher(watched ?? _directory.Path);
        var connector = new PkiConnector(
            reconciler,
            watcher,
            _log.Log,
            rescanInterval,
            TimeSpan.FromMilliseconds(50),
            new RetryBackoff(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100)),
            _monitor);
        return Task.Run(async () =>
        {
            using (watcher)
            {
                await connector.RunAsync(_stopping.Token);
            }
        });
    }

    private async Task StopAsync(Task running)
    {
        await _stopping.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _log.Dispose();
        _directory.Dispose();
    }
}
