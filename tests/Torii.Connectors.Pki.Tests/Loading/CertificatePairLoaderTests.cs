using Torii.Connectors.Pki.Loading;
using Torii.Connectors.Pki.Scanning;
using Torii.Connectors.Pki.Tests.Infrastructure;

namespace Torii.Connectors.Pki.Tests.Loading;

public sealed class CertificatePairLoaderTests : IDisposable
{
    private readonly CertificateDirectory _directory = new();
    private readonly CertificatePairLoader _loader = new(TimeProvider.System);

    [Fact]
    public void A_valid_pair_gives_its_fingerprint_domains_and_contents()
    {
        TestPair pair = TestCertificates.SelfSigned("shop.test");
        _directory.WriteFlat("shop", pair);

        LoadedCertificate loaded = LoadedOrFail("shop");

        Assert.Equal(pair.Fingerprint, loaded.Fingerprint);
        Assert.Equal(["shop.test"], loaded.Domains);
        Assert.Equal(pair.CertificatePem, loaded.Contents.Certificate);
        Assert.Empty(loaded.Contents.CertificateChain);
        Assert.Equal(pair.KeyPem, loaded.Contents.Key);
        Assert.Empty(loaded.Contents.Names);
    }

    [Fact]
    public void The_certificate_file_gives_the_leaf_then_the_chain()
    {
        (TestPair leaf, _) = TestCertificates.IssuedByTestCa("api.test");
        _directory.WriteNested("api", leaf);

        LoadedCertificate loaded = LoadedOrFail("api/api");

        Assert.Equal(leaf.Fingerprint, loaded.Fingerprint);
        Assert.Equal(leaf.CertificatePem, loaded.Contents.Certificate);
        Assert.Equal(leaf.ChainPems, loaded.Contents.CertificateChain);
    }

    [Fact]
    public void An_rsa_pair_is_valid_too()
    {
        _directory.WriteFlat("rsa", TestCertificates.SelfSigned("rsa.test", rsa: true));

        Assert.Equal(["rsa.test"], LoadedOrFail("rsa").Domains);
    }

    [Fact]
    public void A_different_key_changes_the_digest_but_not_the_fingerprint()
    {
        TestPair pair = TestCertificates.SelfSigned("shop.test");
        _directory.WriteFlat("shop", pair);
        LoadedCertificate before = LoadedOrFail("shop");

        // The same key in another encoding: what a tool rewriting the key file produces.
        using var key = System.Security.Cryptography.ECDsa.Create();
        key.ImportFromPem(pair.KeyPem);
        _directory.WriteFile("shop.key", key.ExportECPrivateKeyPem());
        LoadedCertificate after = LoadedOrFail("shop");

        Assert.Equal(before.Fingerprint, after.Fingerprint);
        Assert.NotEqual(before.Digest, after.Digest);
    }

    [Fact]
    public void A_missing_key_is_reported_as_an_incomplete_pair()
    {
        _directory.WriteFile("shop.crt", TestCertificates.SelfSigned("shop.test").CertificateFile);

        Assert.Equal($"{_directory.PathOf("shop.crt")} has no .key file beside it yet", ProblemOf("shop"));
    }

    [Fact]
    public void A_missing_certificate_is_reported_as_an_incomplete_pair()
    {
        _directory.WriteFile("shop.key", TestCertificates.UnrelatedKeyPem());

        Assert.Equal($"{_directory.PathOf("shop.key")} has no .crt file beside it yet", ProblemOf("shop"));
    }

    [Fact]
    public void A_certificate_cut_off_mid_block_is_reported_as_still_being_written()
    {
        TestPair pair = TestCertificates.SelfSigned("shop.test");
        _directory.WriteFlat("shop", pair);
        _directory.WriteFile("shop.crt", pair.CertificatePem[..(pair.CertificatePem.Length / 2)]);

        Assert.Equal($"{_directory.PathOf("shop.crt")} stops inside a PEM block (still being written?)", ProblemOf("shop"));
    }

    [Fact]
    public void A_key_cut_off_mid_block_is_reported_as_still_being_written()
    {
        TestPair pair = TestCertificates.SelfSigned("shop.test");
        _directory.WriteFlat("shop", pair);
        _directory.WriteFile("shop.key", pair.KeyPem[..40]);

        Assert.Equal($"{_directory.PathOf("shop.key")} stops inside a PEM block (still being written?)", ProblemOf("shop"));
    }

    [Fact]
    public void A_certificate_file_without_pem_is_reported()
    {
        _directory.WriteFlat("shop", TestCertificates.SelfSigned("shop.test"));
        _directory.WriteFile("shop.crt", "not a certificate");

        Assert.Equal($"{_directory.PathOf("shop.crt")} holds no PEM certificate", ProblemOf("shop"));
    }

    [Fact]
    public void Bad_base64_in_the_certificate_is_reported()
    {
        _directory.WriteFlat("shop", TestCertificates.SelfSigned("shop.test"));
        _directory.WriteFile("shop.crt", "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");

        Assert.Equal($"{_directory.PathOf("shop.crt")}: the certificate is not a valid PEM certificate", ProblemOf("shop"));
    }

    [Fact]
    public void A_bad_chain_certificate_is_reported_by_its_position()
    {
        TestPair pair = TestCertificates.SelfSigned("shop.test");
        _directory.WriteFlat("shop", pair);
        _directory.WriteFile("shop.crt", pair.CertificatePem + "\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");

        Assert.Equal($"{_directory.PathOf("shop.crt")}: chain certificate #1 is not a valid PEM certificate", ProblemOf("shop"));
    }

    [Fact]
    public void A_chain_that_did_not_issue_the_leaf_is_reported()
    {
        (TestPair leaf, _) = TestCertificates.IssuedByTestCa("api.test");
        (TestPair other, _) = TestCertificates.IssuedByTestCa("other.test");
        TestPair selfSigned = TestCertificates.SelfSigned("shop.test");
        _directory.WriteFlat("shop", selfSigned with { ChainPems = leaf.ChainPems });
        _directory.WriteFlat("api", leaf with { ChainPems = [other.CertificatePem] });

        Assert.Equal(
            $"{_directory.PathOf("shop.crt")}: chain certificate #1 (CN=Torii Test Intermediate) did not issue the certificate before it (issued by CN=shop.test)",
            ProblemOf("shop"));
        Assert.Equal(
            $"{_directory.PathOf("api.crt")}: chain certificate #1 (CN=other.test) did not issue the certificate before it (issued by CN=Torii Test Intermediate)",
            ProblemOf("api"));
    }

    [Fact]
    public void A_key_that_does_not_match_the_certificate_is_reported()
    {
        TestPair pair = TestCertificates.SelfSigned("shop.test");
        _directory.WriteFlat("shop", pair with { KeyPem = TestCertificates.UnrelatedKeyPem() });

        Assert.Equal($"{_directory.PathOf("shop.key")}: the key does not match the certificate in {_directory.PathOf("shop.crt")}", ProblemOf("shop"));
    }

    [Fact]
    public void A_key_of_another_algorithm_does_not_match()
    {
        TestPair ecdsa = TestCertificates.SelfSigned("shop.test");
        TestPair rsa = TestCertificates.SelfSigned("rsa.test", rsa: true);
        _directory.WriteFlat("shop", ecdsa with { KeyPem = rsa.KeyPem });

        Assert.Equal($"{_directory.PathOf("shop.key")}: the key does not match the certificate in {_directory.PathOf("shop.crt")}", ProblemOf("shop"));
    }

    [Fact]
    public void A_key_file_without_a_readable_key_is_reported()
    {
        TestPair pair = TestCertificates.SelfSigned("shop.test");
        _directory.WriteFlat("shop", pair with { KeyPem = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n" });

        Assert.Equal($"{_directory.PathOf("shop.key")} holds no readable private key (unencrypted PEM: PKCS#8, RSA or EC)", ProblemOf("shop"));
    }

    [Fact]
    public void An_expired_certificate_is_reported_with_its_expiry()
    {
        var expiry = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        _directory.WriteFlat("shop", TestCertificates.SelfSigned("shop.test", notAfter: expiry));
        var later = new CertificatePairLoader(new FixedTime(expiry.AddSeconds(1)));

        PairLoadResult result = later.Load(Files("shop"));

        Assert.Null(result.Certificate);
        Assert.Equal($"{_directory.PathOf("shop.crt")}: the certificate expired on 2030-01-02 03:04:05 UTC", result.Problem);
    }

    [Fact]
    public void A_certificate_still_valid_at_the_clock_is_accepted()
    {
        var expiry = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        _directory.WriteFlat("shop", TestCertificates.SelfSigned("shop.test", notAfter: expiry));
        var earlier = new CertificatePairLoader(new FixedTime(expiry.AddSeconds(-1)));

        Assert.NotNull(earlier.Load(Files("shop")).Certificate);
    }

    private LoadedCertificate LoadedOrFail(string name)
    {
        PairLoadResult result = _loader.Load(Files(name));
        Assert.True(result.Certificate is not null, result.Problem);
        return result.Certificate;
    }

    private string? ProblemOf(string name)
    {
        PairLoadResult result = _loader.Load(Files(name));
        Assert.Null(result.Certificate);
        return result.Problem;
    }

    private CertificateFiles Files(string name) =>
        Assert.Single(CertificateDirectoryScanner.Scan(_directory.Path), files => files.Name == name);

    public void Dispose() => _directory.Dispose();
}
