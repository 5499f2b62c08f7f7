using System.Diagnostics;
using Torii.Connectors.Pki.Tests.EndToEnd.Infrastructure;
using Torii.Connectors.Pki.Tests.Infrastructure;
using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.Connectors.Pki.Tests.EndToEnd;

/// <summary>The published torii and torii-pki as processes, a directory of certificates, and TLS clients.</summary>
public sealed class PkiConnectorEndToEndTests : IDisposable
{
    private readonly CertificateDirectory _certificates = new();

    [Fact]
    public async Task Dropping_renewing_and_deleting_a_pair_is_what_tls_clients_see()
    {
        await using HttpsProxy proxy = await HttpsProxy.StartWithCliAsync("shop.test");
        await using PkiProcess pki = StartPki(proxy);
        await pki.WaitForAsync("in step with the proxy");
        TestPair first = TestCertificates.SelfSigned("shop.test");

        _certificates.WriteNested("shop", first);
        await pki.WaitForAsync($"added certificate {first.Fingerprint}");

        await using TlsProbe kept = await TlsProbe.ConnectAsync(proxy.Port, "shop.test");
        Assert.Equal(first.Fingerprint, kept.Fingerprint);
        Assert.Equal("backend /before", (await kept.GetAsync("shop.test", "/before")).Body);

        TestPair renewed = TestCertificates.SelfSigned("shop.test");
        _certificates.WriteNested("shop", renewed);
        await pki.WaitForAsync($"with {renewed.Fingerprint}");

        Assert.Equal("backend /during", (await kept.GetAsync("shop.test", "/during")).Body);
        await using (TlsProbe fresh = await TlsProbe.ConnectAsync(proxy.Port, "shop.test"))
        {
            Assert.Equal(renewed.Fingerprint, fresh.Fingerprint);
        }

        _certificates.Delete("shop");
        await pki.WaitForAsync($"removed certificate {renewed.Fingerprint}");

        Assert.True(await TlsProbe.HandshakeFailsAsync(proxy.Port, "shop.test"));
        Assert.Equal("backend /after", (await kept.GetAsync("shop.test", "/after")).Body);
    }

    [Fact]
    public async Task The_connector_keeps_applying_across_a_proxy_upgrade()
    {
        await using HttpsProxy proxy = await HttpsProxy.StartWithCliAsync("shop.test", "api.test");
        await using PkiProcess pki = StartPki(proxy);
        TestPair before = TestCertificates.SelfSigned("shop.test");
        _certificates.WriteFlat("shop", before);
        await pki.WaitForAsync($"added certificate {before.Fingerprint}");

        CliResult upgraded = await proxy.Torii.CliAsync("upgrade");
        if (System.Text.RegularExpressions.Regex.Match(upgraded.StandardOutput, @"upgraded: pid (\d+)") is { Success: true } match)
        {
            proxy.Torii.AdoptSuccessor(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.True(upgraded.ExitCode == 0, upgraded.ToString());
        Assert.True(await proxy.Torii.WaitForProcessExitAsync(TimeSpan.FromSeconds(90)), "the old process exits once drained");

        // The new process got the state (the certificate) and the command socket; the connector talks to it.
        TestPair after = TestCertificates.SelfSigned("api.test");
        _certificates.WriteFlat("api", after);
        await pki.WaitForAsync($"added certificate {after.Fingerprint}");
        await using (TlsProbe kept = await TlsProbe.ConnectAsync(proxy.Port, "shop.test"))
        {
            Assert.Equal(before.Fingerprint, kept.Fingerprint);
        }

        await using TlsProbe added = await TlsProbe.ConnectAsync(proxy.Port, "api.test");
        Assert.Equal(after.Fingerprint, added.Fingerprint);
    }

    [Fact]
    public async Task Curl_trusting_only_the_test_root_reaches_the_backend_through_the_chain()
    {
        await using HttpsProxy proxy = await HttpsProxy.StartAsync("api.test");
        (TestPair leaf, string rootPem) = TestCertificates.IssuedByTestCa("api.test");
        string rootFile = Path.Combine(_certificates.Root, "root.pem");
        await File.WriteAllTextAsync(rootFile, rootPem);
        _certificates.WriteFlat("api", leaf);
        await using PkiProcess pki = StartPki(proxy);
        await pki.WaitForAsync($"added certificate {leaf.Fingerprint}");

        (int exitCode, string output, string error) = await CurlAsync(
            "--silent", "--show-error", "--cacert", rootFile, "--resolve", $"api.test:{proxy.Port}:127.0.0.1", $"https://api.test:{proxy.Port}/via-curl");

        Assert.True(exitCode == 0, error);
        Assert.Equal("backend /via-curl", output);
    }

    [Fact]
    public async Task A_restarted_connector_adds_nothing_again_and_never_removes_what_it_did_not_add()
    {
        await using HttpsProxy proxy = await HttpsProxy.StartAsync("ours.test", "theirs.test");
        TestPair ours = TestCertificates.SelfSigned("ours.test");
        TestPair theirs = TestCertificates.SelfSigned("theirs.test");
        string theirCertificate = Path.Combine(_certificates.Root, "theirs.crt");
        string theirKey = Path.Combine(_certificates.Root, "theirs.key");
        await File.WriteAllTextAsync(theirCertificate, theirs.CertificateFile);
        await File.WriteAllTextAsync(theirKey, theirs.KeyPem);
        await proxy.MustCliAsync("certificate", "add", "--address", proxy.Address, "--certificate", theirCertificate, "--key", theirKey);
        _certificates.WriteFlat("theirs", theirs);
        _certificates.WriteFlat("ours", ours);

        await using (PkiProcess first = StartPki(proxy))
        {
            await first.WaitForAsync("in step with the proxy: 2 pairs in the directory (0 unusable), 1 added, 0 replaced, 0 removed");
            await first.KillAsync();
        }

        await using PkiProcess restarted = StartPki(proxy);
        await restarted.WaitForAsync("in step with the proxy: 2 pairs in the directory (0 unusable), 0 added, 0 replaced, 0 removed");
        CliResult stats = await proxy.MustCliAsync("state", "stats");
        Assert.Matches(@"add_certificate\s+2", stats.StandardOutput);

        _certificates.Delete("ours.crt");
        _certificates.Delete("ours.key");
        _certificates.Delete("theirs.crt");
        _certificates.Delete("theirs.key");
        await restarted.WaitForAsync($"removed certificate {ours.Fingerprint}");

        CliResult listed = await proxy.MustCliAsync("certificate", "list");
        Assert.Contains($"theirs.test  {theirs.Fingerprint}", listed.StandardOutput);
        Assert.DoesNotContain(ours.Fingerprint, listed.StandardOutput);
        await using TlsProbe probe = await TlsProbe.ConnectAsync(proxy.Port, "theirs.test");
        Assert.Equal(theirs.Fingerprint, probe.Fingerprint);
    }

    [Fact]
    public async Task A_proxy_that_starts_after_the_connector_is_caught_up_with()
    {
        TestPair pair = TestCertificates.SelfSigned("late.test");
        _certificates.WriteFlat("late", pair);
        string proxyFolder = Directory.CreateDirectory(Path.Combine(_certificates.Root, "proxy")).FullName;
        int port = FreePort.Next();
        await using PkiProcess pki = PkiProcess.Start(_certificates.Path, $"127.0.0.1:{port}", Path.Combine(proxyFolder, "torii.sock"), _certificates.Root);
        await pki.WaitForAsync("cannot reach the proxy");

        await using ToriiProcess torii = await ToriiProcess.StartAsync($"""
            [[listeners]]
            protocol = "https"
            address = "127.0.0.1:{port}"
            """, proxyFolder);
        await pki.WaitForAsync($"added certificate {pair.Fingerprint}");

        await using TlsProbe probe = await TlsProbe.ConnectAsync(port, "late.test");
        Assert.Equal(pair.Fingerprint, probe.Fingerprint);
        Assert.Equal(1, pki.Count("cannot reach the proxy"));
    }

    [Fact]
    public async Task A_bad_pair_is_reported_once_keeps_the_connector_running_and_is_picked_up_once_fixed()
    {
        await using HttpsProxy proxy = await HttpsProxy.StartAsync("fixed.test");
        TestPair pair = TestCertificates.SelfSigned("fixed.test");
        _certificates.WriteFlat("fixed", pair with { KeyPem = TestCertificates.UnrelatedKeyPem() });
        await using PkiProcess pki = StartPki(proxy);
        await pki.WaitForAsync("the key does not match the certificate");

        // Two more passes (one a second) retry the pair without a second warning.
        await pki.WaitForAsync("): 1 pairs (1 unusable)");
        int passes = pki.Count("): 1 pairs (1 unusable)");
        await pki.WaitForAsync("): 1 pairs (1 unusable)", count: passes + 2);
        Assert.Equal(1, pki.Count("the key does not match the certificate"));
        Assert.False(pki.HasExited);
        Assert.True(await TlsProbe.HandshakeFailsAsync(proxy.Port, "fixed.test"));

        _certificates.WriteFile("fixed.key", pair.KeyPem);
        await pki.WaitForAsync($"added certificate {pair.Fingerprint}");

        await using TlsProbe probe = await TlsProbe.ConnectAsync(proxy.Port, "fixed.test");
        Assert.Equal(pair.Fingerprint, probe.Fingerprint);
    }

    private PkiProcess StartPki(HttpsProxy proxy) =>
        PkiProcess.Start(_certificates.Path, proxy.Address, proxy.Torii.SocketPath, _certificates.Root);

    private static async Task<(int ExitCode, string Output, string Error)> CurlAsync(params string[] arguments)
    {
        using var curl = Process.Start(new ProcessStartInfo("curl", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        Task<string> output = curl.StandardOutput.ReadToEndAsync();
        Task<string> error = curl.StandardError.ReadToEndAsync();
        await curl.WaitForExitAsync();
        return (curl.ExitCode, await output, await error);
    }

    public void Dispose() => _certificates.Dispose();
}
