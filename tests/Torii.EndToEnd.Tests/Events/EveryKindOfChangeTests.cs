using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.EndToEnd.Tests.Events;

/// <summary>Each kind of change made on the command socket produces its event, in the order applied, numbered without gaps.</summary>
public sealed class EveryKindOfChangeTests
{
    [Fact]
    public async Task Every_kind_of_change_produces_its_event_in_order_with_the_tests_uid_and_pid()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        var torii = proxy.Torii;
        var httpsPort = FreePort.Next();
        var https = Requests.Loopback(httpsPort);
        var certificate = TestCertificate.SelfSigned("app.test");
        var renewed = TestCertificate.SelfSigned("app.test", "www.app.test");
        var statePath = Path.Combine(torii.Directory, "saved-state.json");
        var loadPath = Path.Combine(torii.Directory, "to-load.json");
        await File.WriteAllTextAsync(loadPath, ProtocolJson.Format(Requests.Cluster("loaded")) + "\n");
        await using var events = await EventReader.OpenAsync(torii.Client);

        var expected = new List<(EventKind Kind, string? Cluster, string? Backend)>();
        async Task Change(Request request, params (EventKind, string?, string?)[] produces)
        {
            await torii.MustAsync(request);
            expected.AddRange(produces);
        }

        await Change(new Request { AddHttpsListener = new HttpsListenerConfig { Address = https, Active = false } }, (EventKind.ListenerAdded, null, null));
        await Change(new Request { ActivateListener = new ActivateListener { Address = https, Proxy = ListenerType.Https } }, (EventKind.ListenerActivated, null, null));
        await Change(new Request { UpdateHttpsListener = new UpdateHttpsListenerConfig { Address = https, FrontTimeout = 20 } }, (EventKind.ListenerUpdated, null, null));
        await Change(new Request { AddCertificate = new AddCertificate { Address = https, Certificate = certificate.ToProto() } }, (EventKind.CertificateAdded, null, null));
        await Change(
            new Request { ReplaceCertificate = new ReplaceCertificate { Address = https, OldFingerprint = certificate.Fingerprint, NewCertificate = renewed.ToProto() } },
            (EventKind.CertificateReplaced, null, null));
        await Change(new Request { RemoveCertificate = new RemoveCertificate { Address = https, Fingerprint = renewed.Fingerprint } }, (EventKind.CertificateRemoved, null, null));
        await Change(Requests.Cluster("app"), (EventKind.ClusterAdded, "app", null));
        await Change(Requests.Cluster("app"));
        await Change(Requests.Cluster("app", sticky: true), (EventKind.ClusterUpdated, "app", null));
        await Change(Requests.Backend("app", "first", proxy.First), (EventKind.BackendAdded, "app", "first"));
        await Change(Requests.AddFrontend("app", proxy.HttpPort, "app.test"), (EventKind.FrontendAdded, "app", null));
        await Change(
            new Request { SetHealthCheck = new SetHealthCheck { ClusterId = "app", Config = new HealthCheckConfig { Kind = HealthCheckKind.HealthCheckTcp, Interval = 60, Timeout = 1 } } },
            (EventKind.HealthCheckSet, "app", null));
        await Change(new Request { RemoveHealthCheck = "app" }, (EventKind.HealthCheckRemoved, "app", null));
        await Change(new Request { SaveState = statePath }, (EventKind.StateSaved, null, null));
        await Change(new Request { LoadState = loadPath }, (EventKind.ClusterAdded, "loaded", null), (EventKind.StateLoaded, null, null));
        await Change(new Request { ReloadConfiguration = string.Empty }, (EventKind.ConfigurationReloaded, null, null));
        await Change(new Request { Logging = "debug" }, (EventKind.LoggingLevelChanged, null, null));
        await Change(new Request { ConfigureMetrics = MetricsConfiguration.Clear }, (EventKind.MetricsConfigured, null, null));
        await Change(Requests.RemoveFrontend("app", proxy.HttpPort, "app.test"), (EventKind.FrontendRemoved, "app", null));
        await Change(Requests.RemoveBackend("app", "first", proxy.First.Port), (EventKind.BackendRemoved, "app", "first"));
        await Change(Requests.RemoveCluster("app"), (EventKind.ClusterRemoved, "app", null));
        await Change(new Request { DeactivateListener = new DeactivateListener { Address = https, Proxy = ListenerType.Https } }, (EventKind.ListenerDeactivated, null, null));
        await Change(new Request { RemoveListener = new RemoveListener { Address = https, Proxy = ListenerType.Https } }, (EventKind.ListenerRemoved, null, null));
        await Change(new Request { SoftStop = new SoftStop() }, (EventKind.SozuStopRequested, null, null));

        var received = await events.NextAsync(expected.Count);

        Assert.Equal(expected, received.Select(e => (e.Kind, e.HasClusterId ? e.ClusterId : null, e.HasBackendId ? e.BackendId : null)));
        Assert.Equal(
            Enumerable.Range(0, received.Count).Select(i => received[0].Sequence + (ulong)i),
            received.Select(e => e.Sequence));
        Assert.All(received, e => Assert.Equal((TestIdentity.Uid, Environment.ProcessId), (e.PeerUid, e.PeerPid)));
        Assert.Contains(certificate.Fingerprint, received[3].Detail);
        Assert.Contains("app.test", received[3].Detail);
        Assert.Contains(renewed.Fingerprint, received[4].Detail);
        Assert.Contains(renewed.Fingerprint, received[5].Detail);
        Assert.All(received.Take(6), e => Assert.Equal(httpsPort, (int)e.Address.Port));
        Assert.Equal("soft", received[^1].Detail);
        Assert.True(await torii.WaitForProcessExitAsync(TimeSpan.FromSeconds(30)), "torii did not stop after soft_stop");
    }
}
