using Torii.Protocol;
using static Torii.Cli.Tests.CommandLines;

namespace Torii.Cli.Tests.Commands;

public sealed class CertificateCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly TestCertificate _leaf = TestCertificate.SelfSigned("example.com");
    private readonly TestCertificate _intermediate = TestCertificate.SelfSigned("Intermediate CA");
    private readonly TestCertificate _root = TestCertificate.SelfSigned("Root CA");

    [Fact]
    public void Add_sends_the_contents_of_the_pem_files()
    {
        string certificate = _directory.Write("leaf.crt", _leaf.CertificatePem);
        string key = _directory.Write("leaf.key", _leaf.KeyPem);
        string chain = _directory.Write("chain.pem", _intermediate.CertificatePem + _root.CertificatePem);
        var expected = new Request
        {
            AddCertificate = new AddCertificate
            {
                Address = Address("0.0.0.0:443"),
                Certificate = new CertificateAndKey
                {
                    Certificate = _leaf.CertificatePem.Trim(),
                    CertificateChain = { _intermediate.CertificatePem.Trim(), _root.CertificatePem.Trim() },
                    Key = _leaf.KeyPem,
                },
            },
        };

        Request request = RequestFor($"certificate add --address 0.0.0.0:443 --certificate {certificate} --certificate-chain {chain} --key {key}");

        Assert.Equal(expected, request);
    }

    [Fact]
    public void Add_splits_a_full_chain_file_into_leaf_and_chain()
    {
        string fullChain = _directory.Write("fullchain.pem", _leaf.CertificatePem + _intermediate.CertificatePem);
        string key = _directory.Write("privkey.pem", _leaf.KeyPem);

        CertificateAndKey sent = RequestFor($"certificate add --address 0.0.0.0:443 --certificate {fullChain} --key {key}").AddCertificate.Certificate;

        Assert.Equal(_leaf.CertificatePem.Trim(), sent.Certificate);
        Assert.Equal([_intermediate.CertificatePem.Trim()], sent.CertificateChain);
    }

    [Fact]
    public void Add_passes_the_tls_versions_by_their_sozu_names()
    {
        string certificate = _directory.Write("leaf.crt", _leaf.CertificatePem);
        string key = _directory.Write("leaf.key", _leaf.KeyPem);

        CertificateAndKey sent = RequestFor(
            $"certificate add --address 0.0.0.0:443 --certificate {certificate} --key {key} --tls-versions TLS_V1_2 tls_v1_3").AddCertificate.Certificate;

        Assert.Equal([TlsVersion.TlsV12, TlsVersion.TlsV13], sent.Versions);
    }

    [Fact]
    public void Add_refuses_an_unknown_tls_version()
    {
        string certificate = _directory.Write("leaf.crt", _leaf.CertificatePem);
        string key = _directory.Write("leaf.key", _leaf.KeyPem);

        Assert.StartsWith(
            "--tls-versions \"TLS_V9\" is not one of",
            RefusalOf($"certificate add --address 0.0.0.0:443 --certificate {certificate} --key {key} --tls-versions TLS_V9"),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Add_refuses_a_file_that_cannot_be_read_naming_option_and_path()
    {
        string key = _directory.Write("leaf.key", _leaf.KeyPem);
        string missing = _directory.File("missing.crt");

        Assert.StartsWith(
            $"cannot read --certificate {missing}:",
            RefusalOf($"certificate add --address 0.0.0.0:443 --certificate {missing} --key {key}"),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Add_refuses_a_certificate_file_without_a_certificate()
    {
        string notACertificate = _directory.Write("leaf.crt", _leaf.KeyPem);
        string key = _directory.Write("leaf.key", _leaf.KeyPem);

        Assert.Equal(
            $"--certificate {notACertificate} holds no PEM certificate (-----BEGIN CERTIFICATE-----)",
            RefusalOf($"certificate add --address 0.0.0.0:443 --certificate {notACertificate} --key {key}"));
    }

    [Fact]
    public void Add_refuses_a_key_file_without_a_private_key()
    {
        string certificate = _directory.Write("leaf.crt", _leaf.CertificatePem);

        Assert.Equal(
            $"--key {certificate} holds no PEM private key (-----BEGIN PRIVATE KEY-----)",
            RefusalOf($"certificate add --address 0.0.0.0:443 --certificate {certificate} --key {certificate}"));
    }

    [Fact]
    public void Add_requires_certificate_and_key()
    {
        IReadOnlyList<string> errors = ParseErrorsOf("certificate add --address 0.0.0.0:443");

        Assert.Contains(errors, message => message.Contains("--certificate", StringComparison.Ordinal));
        Assert.Contains(errors, message => message.Contains("--key", StringComparison.Ordinal));
    }

    [Fact]
    public void Replace_names_the_old_certificate_by_the_fingerprint_of_its_file()
    {
        TestCertificate renewed = TestCertificate.SelfSigned("example.com");
        string old = _directory.Write("old.crt", _leaf.CertificatePem);
        string certificate = _directory.Write("new.crt", renewed.CertificatePem);
        string key = _directory.Write("new.key", renewed.KeyPem);

        ReplaceCertificate replace = RequestFor(
            $"certificate replace --address 0.0.0.0:443 --new-certificate {certificate} --new-key {key} --old-certificate {old}").ReplaceCertificate;

        Assert.Equal(_leaf.Fingerprint, replace.OldFingerprint);
        Assert.Equal(renewed.CertificatePem.Trim(), replace.NewCertificate.Certificate);
        Assert.Equal(renewed.KeyPem, replace.NewCertificate.Key);
        Assert.Equal(Address("0.0.0.0:443"), replace.Address);
    }

    [Fact]
    public void Replace_accepts_a_fingerprint_as_openssl_prints_it()
    {
        string certificate = _directory.Write("new.crt", _leaf.CertificatePem);
        string chain = _directory.Write("chain.crt", _intermediate.CertificatePem);
        string key = _directory.Write("new.key", _leaf.KeyPem);
        string opensslForm = string.Join(':', Convert.FromHexString(_root.Fingerprint).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

        ReplaceCertificate replace = RequestFor(
            $"certificate replace --address 0.0.0.0:443 --new-certificate {certificate} --new-certificate-chain {chain} --new-key {key} --old-fingerprint {opensslForm}").ReplaceCertificate;

        Assert.Equal(_root.Fingerprint, replace.OldFingerprint);
        Assert.Equal([_intermediate.CertificatePem.Trim()], replace.NewCertificate.CertificateChain);
    }

    [Theory]
    [InlineData("", "give --old-certificate FILE or --old-fingerprint F")]
    [InlineData("--old-fingerprint 00 --old-certificate OLD", "give either --old-certificate or --old-fingerprint, not both")]
    public void Replace_needs_exactly_one_way_to_name_the_old_certificate(string oldOptions, string refusal)
    {
        string old = _directory.Write("old.crt", _root.CertificatePem);
        string certificate = _directory.Write("new.crt", _leaf.CertificatePem);
        string key = _directory.Write("new.key", _leaf.KeyPem);

        Assert.Equal(
            refusal,
            RefusalOf($"certificate replace --address 0.0.0.0:443 --new-certificate {certificate} --new-key {key} {oldOptions.Replace("OLD", old, StringComparison.Ordinal)}"));
    }

    [Fact]
    public void Remove_by_fingerprint_or_by_certificate_file_sends_the_same_request()
    {
        string certificate = _directory.Write("leaf.crt", _leaf.CertificatePem);
        var expected = new Request
        {
            RemoveCertificate = new RemoveCertificate { Address = Address("[::]:443"), Fingerprint = _leaf.Fingerprint },
        };

        Assert.Equal(expected, RequestFor($"certificate remove --address [::]:443 --fingerprint {_leaf.Fingerprint.ToUpperInvariant()}"));
        Assert.Equal(expected, RequestFor($"certificate remove --address [::]:443 --certificate {certificate}"));
    }

    [Fact]
    public void Remove_refuses_a_file_that_is_not_a_readable_certificate()
    {
        string broken = _directory.Write("broken.crt", "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");

        Assert.StartsWith(
            "--certificate is not a readable PEM certificate",
            RefusalOf($"certificate remove --address 0.0.0.0:443 --certificate {broken}"),
            StringComparison.Ordinal);
    }

    [Fact]
    public void List_without_filters_asks_for_every_certificate()
    {
        Assert.Equal(
            new Request { QueryCertificatesFromTheState = new QueryCertificatesFilters() },
            RequestFor("certificate list"));
    }

    [Fact]
    public void List_passes_the_domain_and_fingerprint_filters()
    {
        var expected = new Request
        {
            QueryCertificatesFromTheState = new QueryCertificatesFilters { Domain = "example.com", Fingerprint = _leaf.Fingerprint },
        };

        Assert.Equal(expected, RequestFor($"certificate list --domain example.com --fingerprint {_leaf.Fingerprint}"));
    }

    public void Dispose() => _directory.Dispose();
}
