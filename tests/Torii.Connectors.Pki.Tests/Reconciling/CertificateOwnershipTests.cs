using Torii.Connectors.Pki.Reconciling;
using Torii.Connectors.Pki.Tests.Infrastructure;

namespace Torii.Connectors.Pki.Tests.Reconciling;

public sealed class CertificateOwnershipTests : IDisposable
{
    private static readonly string Fingerprint1 = new('1', 64);
    private static readonly string Fingerprint2 = new('2', 64);
    private static readonly string Digest = new('d', 64);

    private readonly CertificateDirectory _directory = new();
    private readonly List<string> _reported = [];

    private string StatePath => Path.Combine(_directory.Root, "torii-pki.state");

    [Fact]
    public void A_missing_file_is_an_empty_record()
    {
        Assert.Empty(Load("127.0.0.1:8443").Certificates);
        Assert.False(File.Exists(StatePath));
    }

    [Fact]
    public void What_is_recorded_is_read_back_by_a_new_instance()
    {
        CertificateOwnership ownership = Load("127.0.0.1:8443");
        ownership.Record(new OwnedCertificate(Fingerprint1, Digest, "shop/shop"));
        ownership.Record(new OwnedCertificate(Fingerprint2, Digest, "name with spaces"));
        ownership.Forget(Fingerprint1);

        Assert.Equal([new OwnedCertificate(Fingerprint2, Digest, "name with spaces")], Load("127.0.0.1:8443").Certificates);
    }

    [Fact]
    public void Lines_of_other_listeners_are_kept_and_not_read_as_ours()
    {
        File.WriteAllLines(StatePath, [$"0.0.0.0:443 {Fingerprint1} {Digest} other"]);
        CertificateOwnership ownership = Load("127.0.0.1:8443");
        Assert.Empty(ownership.Certificates);

        ownership.Record(new OwnedCertificate(Fingerprint2, Digest, "shop"));

        Assert.Equal([new OwnedCertificate(Fingerprint1, Digest, "other")], Load("0.0.0.0:443").Certificates);
        Assert.Equal([new OwnedCertificate(Fingerprint2, Digest, "shop")], Load("127.0.0.1:8443").Certificates);
    }

    [Fact]
    public void A_malformed_line_is_reported_and_left_out()
    {
        File.WriteAllLines(StatePath, ["# comment", "127.0.0.1:8443 not-a-fingerprint x y", $"127.0.0.1:8443 {Fingerprint1} {Digest} shop"]);

        CertificateOwnership ownership = Load("127.0.0.1:8443");

        Assert.Equal([new OwnedCertificate(Fingerprint1, Digest, "shop")], ownership.Certificates);
        Assert.Equal([$"{StatePath}:2: not ADDRESS FINGERPRINT DIGEST NAME; line ignored"], _reported);
    }

    [Fact]
    public void A_failed_write_leaves_the_record_as_it_was()
    {
        CertificateOwnership ownership = Load("127.0.0.1:8443");
        ownership.Record(new OwnedCertificate(Fingerprint1, Digest, "shop"));
        Directory.CreateDirectory(StatePath + ".tmp");

        Assert.Throws<IOException>(() => ownership.Record(new OwnedCertificate(Fingerprint2, Digest, "api")));
        Assert.Throws<IOException>(() => ownership.Forget(Fingerprint1));

        Assert.Equal([new OwnedCertificate(Fingerprint1, Digest, "shop")], ownership.Certificates);
    }

    private CertificateOwnership Load(string address) => CertificateOwnership.Load(StatePath, address, _reported.Add);

    public void Dispose() => _directory.Dispose();
}
