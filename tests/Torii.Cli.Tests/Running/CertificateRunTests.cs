using Torii.Protocol;
using static Torii.Cli.Tests.Output.PrintedResponse;

namespace Torii.Cli.Tests.Running;

public sealed class CertificateRunTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    private string SocketPath => _directory.File("proxy.sock");

    [Fact]
    public async Task Certificate_add_sends_the_files_contents_and_prints_the_answer()
    {
        TestCertificate certificate = TestCertificate.SelfSigned("shop.test");
        string certificatePath = _directory.Write("shop.crt", certificate.CertificatePem);
        string keyPath = _directory.Write("shop.key", certificate.KeyPem);
        await using var proxy = new FakeProxy(SocketPath, _ => [Responses.Ok($"certificate {certificate.Fingerprint} added")]);

        CliRun run = await CliRun.RunAsync(
            $"certificate add --address 127.0.0.1:8443 --certificate {certificatePath} --key {keyPath} --socket {SocketPath}");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Lines($"certificate {certificate.Fingerprint} added"), run.Output);
        Request received = Assert.Single(proxy.Received);
        Assert.Equal(certificate.KeyPem, received.AddCertificate.Certificate.Key);
    }

    [Fact]
    public async Task Certificate_list_prints_the_table()
    {
        string fingerprint = new('f', 64);
        var content = new ResponseContent
        {
            CertificatesByAddress = new ListOfCertificatesByAddress
            {
                Certificates =
                {
                    new CertificatesByAddress
                    {
                        Address = SocketAddresses.Parse("127.0.0.1:8443"),
                        CertificateSummaries = { new CertificateSummary { Domain = "shop.test", Fingerprint = fingerprint } },
                    },
                },
            },
        };
        await using var proxy = new FakeProxy(SocketPath, _ => [Responses.Ok("", content)]);

        CliRun run = await CliRun.RunAsync($"certificate list --domain shop.test --socket {SocketPath}");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            Lines(
                "ADDRESS         DOMAIN     FINGERPRINT",
                $"127.0.0.1:8443  shop.test  {fingerprint}"),
            run.Output);
        Assert.Equal("shop.test", Assert.Single(proxy.Received).QueryCertificatesFromTheState.Domain);
    }

    [Fact]
    public async Task An_unreadable_file_sends_nothing_and_exits_1()
    {
        await using var proxy = new FakeProxy(SocketPath, _ => [Responses.Ok("")]);
        string missing = _directory.File("absent.crt");

        CliRun run = await CliRun.RunAsync(
            $"certificate add --address 127.0.0.1:8443 --certificate {missing} --key {missing} --socket {SocketPath}");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: cannot read --certificate {missing}:", run.Error, StringComparison.Ordinal);
        Assert.Empty(proxy.Received);
    }

    public void Dispose() => _directory.Dispose();
}
