using Torii.Connectors.Monitoring;
using Torii.Connectors.Pki.Loading;
using Torii.Connectors.Pki.Monitoring;
using Torii.Connectors.Pki.Reconciling;
using Torii.Connectors.Pki.Scanning;
using Torii.Connectors.Pki.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.Connectors.Pki.Tests.Reconciling;

public sealed class ReconcilerTests : IDisposable
{
    private const string Listener = "127.0.0.1:8443";

    private readonly CertificateDirectory _directory = new();
    private readonly FakeProxyCertificates _proxy = new();
    private readonly LogCapture _log = new();
    private readonly PkiMonitor _monitor = new(new ConnectorMetrics("torii-pki"), TimeProvider.System);
    private CertificateOwnership _ownership = CertificateOwnership.InMemory(Listener);
    private Reconciler? _reconciler;

    [Fact]
    public async Task Adds_the_pairs_of_both_layouts()
    {
        TestPair flat = TestCertificates.SelfSigned("flat.test");
        (TestPair nested, _) = TestCertificates.IssuedByTestCa("nested.test");
        _directory.WriteFlat("flat", flat);
        _directory.WriteNested("nested", nested);

        ReconcileOutcome outcome = await RunAsync();

        Assert.Equal(2, outcome.Added);
        Assert.Equal(new HashSet<string> { flat.Fingerprint, nested.Fingerprint }, _proxy.Fingerprints);
        Assert.Equal(nested.ChainPems, _proxy.Certificate(nested.Fingerprint).CertificateChain);
        Assert.Equal(
            [new OwnedCertificate(flat.Fingerprint, Digest("flat"), "flat"), new OwnedCertificate(nested.Fingerprint, Digest("nested/nested"), "nested/nested")],
            _ownership.Certificates.OrderBy(owned => owned.Name));
    }

    [Fact]
    public async Task A_second_pass_over_an_unchanged_directory_changes_nothing()
    {
        _directory.WriteFlat("shop", TestCertificates.SelfSigned("shop.test"));
        await RunAsync();

        ReconcileOutcome again = await RunAsync();

        Assert.False(again.ChangedAnything);
        Assert.Single(_proxy.Calls);
    }

    [Fact]
    public async Task At_start_a_certificate_the_proxy_already_serves_is_not_added_again()
    {
        TestPair pair = TestCertificates.SelfSigned("shop.test");
        _directory.WriteFlat("shop", pair);
        _proxy.AddForeign(pair.Fingerprint);

        ReconcileOutcome outcome = await RunAsync();

        Assert.False(outcome.ChangedAnything);
        Assert.Empty(_proxy.Calls);
    }

    [Fact]
    public async Task A_renewal_replaces_the_old_certificate_in_one_step()
    {
        TestPair old = TestCertificates.SelfSigned("shop.test");
        TestPair renewed = TestCertificates.SelfSigned("shop.test");
        _directory.WriteNested("shop", old);
        await RunAsync();

        _directory.WriteNested("shop", renewed);
        ReconcileOutcome outcome = await RunAsync();

        Assert.Equal(1, outcome.Replaced);
        Assert.Equal($"replace {old.Fingerprint} {renewed.Fingerprint}", _proxy.Calls[^1]);
        Assert.Equal(new HashSet<string> { renewed.Fingerprint }, _proxy.Fingerprints);
        Assert.Equal([renewed.Fingerprint], _ownership.Certificates.Select(owned => owned.Fingerprint));
    }

    [Fact]
    public async Task A_key_rewritten_alone_replaces_the_certificate_with_itself()
    {
        TestPair pair = TestCertificates.SelfSigned("shop.test");
        _directory.WriteFlat("shop", pair);
        await RunAsync();
        using var key = System.Security.Cryptography.ECDsa.Create();
        key.ImportFromPem(pair.KeyPem);
        string rewrittenKey = key.ExportECPrivateKeyPem();

        _directory.WriteFile("shop.key", rewrittenKey);
        ReconcileOutcome outcome = await RunAsync();

        Assert.Equal(1, outcome.Replaced);
        Assert.Equal($"replace {pair.Fingerprint} {pair.Fingerprint}", _proxy.Calls[^1]);
        Assert.Equal(rewrittenKey, _proxy.Certificate(pair.Fingerprint).Key);
        Assert.Equal(Digest("shop"), Assert.Single(_ownership.Certificates).Digest);
    }

    [Fact]
    public async Task Deleting_a_pair_removes_its_certificate_but_never_one_added_by_someone_else()
    {
        TestPair ours = TestCertificates.SelfSigned("ours.test");
        TestPair theirs = TestCertificates.SelfSigned("theirs.test");
        _directory.WriteFlat("ours", ours);
        _directory.WriteFlat("theirs", theirs);
        _proxy.AddForeign(theirs.Fingerprint);
        await RunAsync();

        _directory.Delete("ours.crt");
        _directory.Delete("ours.key");
        _directory.Delete("theirs.crt");
        _directory.Delete("theirs.key");
        ReconcileOutcome outcome = await RunAsync();

        Assert.Equal(1, outcome.Removed);
        Assert.Equal(new HashSet<string> { theirs.Fingerprint }, _proxy.Fingerprints);
        Assert.Empty(_ownership.Certificates);
    }

    [Fact]
    public async Task A_restarted_connector_knows_its_own_certificates_from_the_state_file()
    {
        string statePath = Path.Combine(_directory.Root, "torii-pki.state");
        TestPair pair = TestCertificates.SelfSigned("shop.test");
        _directory.WriteNested("shop", pair);
        Restart(CertificateOwnership.Load(statePath, Listener, _ => { }));
        await RunAsync();

        _directory.Delete("shop");
        Restart(CertificateOwnership.Load(statePath, Listener, _ => { }));
        ReconcileOutcome afterRestart = await RunAsync();

        Assert.Equal(1, afterRestart.Removed);
        Assert.Empty(_proxy.Fingerprints);
    }

    [Fact]
    public async Task A_half_written_renewal_is_reported_once_and_the_served_certificate_stays()
    {
        TestPair old = TestCertificates.SelfSigned("shop.test");
        TestPair renewed = TestCertificates.SelfSigned("shop.test");
        _directory.WriteFlat("shop", old);
        await RunAsync();

        // The new certificate is in place, its key not yet.
        _directory.WriteFile("shop.crt", renewed.CertificateFile);
        ReconcileOutcome first = await RunAsync();
        ReconcileOutcome second = await RunAsync();

        Assert.Equal(1, first.Unusable);
        Assert.Equal(1, second.Unusable);
        Assert.Equal(new HashSet<string> { old.Fingerprint }, _proxy.Fingerprints);
        Assert.Equal(1, _log.Count("the key does not match the certificate"));

        _directory.WriteFile("shop.key", renewed.KeyPem);
        ReconcileOutcome healed = await RunAsync();

        Assert.Equal(1, healed.Replaced);
        Assert.Equal(new HashSet<string> { renewed.Fingerprint }, _proxy.Fingerprints);
    }

    [Fact]
    public async Task An_unusable_pair_does_not_stop_the_others()
    {
        TestPair good = TestCertificates.SelfSigned("good.test");
        _directory.WriteFlat("bad", TestCertificates.SelfSigned("bad.test") with { KeyPem = TestCertificates.UnrelatedKeyPem() });
        _directory.WriteFlat("good", good);
        _directory.WriteFile("expired.crt", TestCertificates.SelfSigned("expired.test", notAfter: DateTimeOffset.UtcNow.AddDays(-1)).CertificateFile);
        _directory.WriteFile("incomplete.crt", TestCertificates.SelfSigned("incomplete.test").CertificateFile);

        ReconcileOutcome outcome = await RunAsync();

        Assert.Equal(4, outcome.Pairs);
        Assert.Equal(3, outcome.Unusable);
        Assert.Equal(new HashSet<string> { good.Fingerprint }, _proxy.Fingerprints);
    }

    [Fact]
    public async Task A_refused_certificate_is_reported_once_not_recorded_and_retried()
    {
        TestPair pair = TestCertificates.SelfSigned("shop.test");
        _directory.WriteFlat("shop", pair);
        _proxy.Refuse = _ => "listener 127.0.0.1:8443 does not exist";

        ReconcileOutcome first = await RunAsync();
        await RunAsync();

        Assert.Equal(1, first.Refused);
        Assert.Empty(_ownership.Certificates);
        Assert.Equal(1, _log.Count("shop: the proxy refused it: listener 127.0.0.1:8443 does not exist"));

        _proxy.Refuse = _ => null;
        ReconcileOutcome retried = await RunAsync();

        Assert.Equal(1, retried.Added);
        Assert.Equal(new HashSet<string> { pair.Fingerprint }, _proxy.Fingerprints);
    }

    [Fact]
    public async Task A_problem_solved_and_back_again_is_reported_again()
    {
        TestPair pair = TestCertificates.SelfSigned("shop.test");
        _directory.WriteFile("shop.crt", pair.CertificateFile);
        await RunAsync();
        _directory.WriteFile("shop.key", pair.KeyPem);
        await RunAsync();
        _directory.Delete("shop.key");
        await RunAsync();

        Assert.Equal(2, _log.Count("has no .key file beside it yet"));
        Assert.Equal(2, _monitor.PairsRejected);
    }

    [Fact]
    public async Task The_outcome_counts_the_certificates_it_owns_with_their_earliest_expiry_and_a_broken_pair_is_rejected_once()
    {
        DateTimeOffset soon = DateTimeOffset.UtcNow.AddDays(20);
        TestPair first = TestCertificates.SelfSigned("soon.test", soon);
        TestPair second = TestCertificates.SelfSigned("later.test", DateTimeOffset.UtcNow.AddDays(40));
        TestPair theirs = TestCertificates.SelfSigned("theirs.test", DateTimeOffset.UtcNow.AddDays(5));
        _directory.WriteFlat("soon", first);
        _directory.WriteFlat("later", second);
        _directory.WriteFlat("theirs", theirs);
        _directory.WriteFile("broken.crt", first.CertificateFile);
        _proxy.AddForeign(theirs.Fingerprint);

        await RunAsync();
        ReconcileOutcome outcome = await RunAsync();

        Assert.Equal(2, outcome.Managed);
        Assert.Equal(soon.ToUnixTimeSeconds(), outcome.EarliestExpiry?.ToUnixTimeSeconds());
        Assert.Equal(1, outcome.Unusable);
        Assert.Equal(1, _monitor.PairsRejected);
    }

    [Fact]
    public async Task An_unreachable_proxy_stops_the_pass_before_anything_is_recorded()
    {
        _directory.WriteFlat("shop", TestCertificates.SelfSigned("shop.test"));
        _proxy.Reachable = false;

        await Assert.ThrowsAsync<Torii.Client.ProxyUnavailableException>(RunAsync);

        Assert.Empty(_ownership.Certificates);
    }

    [Fact]
    public async Task A_missing_directory_fails_the_pass_instead_of_removing_everything()
    {
        _directory.WriteFlat("shop", TestCertificates.SelfSigned("shop.test"));
        await RunAsync();
        Directory.Delete(_directory.Path, recursive: true);

        await Assert.ThrowsAsync<DirectoryNotFoundException>(RunAsync);

        Assert.Single(_proxy.Fingerprints);
    }

    /// <summary>A pass of the same connector as the passes before, until <see cref="Restart"/>.</summary>
    private Task<ReconcileOutcome> RunAsync()
    {
        _reconciler ??= new Reconciler(_directory.Path, SocketAddresses.Parse(Listener), _proxy, _ownership, new CertificatePairLoader(TimeProvider.System), _log.Log, _monitor);
        return _reconciler.RunAsync(CancellationToken.None);
    }

    private void Restart(CertificateOwnership ownership)
    {
        _ownership = ownership;
        _reconciler = null;
    }

    private string Digest(string name)
    {
        CertificateFiles files = Assert.Single(CertificateDirectoryScanner.Scan(_directory.Path), files => files.Name == name);
        return new CertificatePairLoader(TimeProvider.System).Load(files).Certificate!.Digest;
    }

    public void Dispose()
    {
        _log.Dispose();
        _directory.Dispose();
    }
}
