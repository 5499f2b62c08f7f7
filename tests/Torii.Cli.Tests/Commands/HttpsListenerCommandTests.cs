using Torii.Protocol;
using static Torii.Cli.Tests.CommandLines;

namespace Torii.Cli.Tests.Commands;

public sealed class HttpsListenerCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public void Add_adds_the_listener_then_activates_it()
    {
        Request[] expected =
        [
            new() { AddHttpsListener = new HttpsListenerConfig { Address = Address("0.0.0.0:8443") } },
            new() { ActivateListener = new ActivateListener { Address = Address("0.0.0.0:8443"), Proxy = ListenerType.Https } },
        ];

        Assert.Equal(expected, RequestsFor("listener https add --address 0.0.0.0:8443"));
    }

    [Fact]
    public void Add_with_every_option_sets_every_field()
    {
        TestCertificate fallback = TestCertificate.SelfSigned("default.test");
        TestCertificate intermediate = TestCertificate.SelfSigned("Intermediate CA");
        string certificate = _directory.Write("default.crt", fallback.CertificatePem);
        string chain = _directory.Write("chain.crt", intermediate.CertificatePem);
        string key = _directory.Write("default.key", fallback.KeyPem);
        var expected = new HttpsListenerConfig
        {
            Address = Address("0.0.0.0:8443"),
            PublicAddress = Address("203.0.113.7:443"),
            StickyName = "LB",
            FrontTimeout = 61,
            BackTimeout = 31,
            ConnectTimeout = 4,
            RequestTimeout = 11,
            ExpectProxy = true,
            Versions = { TlsVersion.TlsV13 },
            Certificate = fallback.CertificatePem.Trim(),
            CertificateChain = { intermediate.CertificatePem.Trim() },
            Key = fallback.KeyPem,
        };

        IReadOnlyList<Request> requests = RequestsFor(
            "listener https add --address 0.0.0.0:8443 --public-address 203.0.113.7:443 --sticky-name LB " +
            "--front-timeout 61 --back-timeout 31 --connect-timeout 4 --request-timeout 11 --expect-proxy --tls-versions TLS_V1_3 " +
            $"--certificate {certificate} --certificate-chain {chain} --key {key}");

        Assert.Equal(expected, requests[0].AddHttpsListener);
        Assert.Equal(2, requests.Count);
    }

    [Fact]
    public void Add_without_a_default_certificate_leaves_it_unset()
    {
        HttpsListenerConfig listener = RequestsFor("listener https add --address 0.0.0.0:8443")[0].AddHttpsListener;

        Assert.False(listener.HasCertificate);
        Assert.False(listener.HasKey);
        Assert.Empty(listener.Versions);
    }

    [Fact]
    public void Add_refuses_a_default_certificate_without_its_key()
    {
        string certificate = _directory.Write("default.crt", TestCertificate.SelfSigned("default.test").CertificatePem);

        Assert.Equal(
            "give both --certificate and --key (and optionally --certificate-chain)",
            RefusalOf($"listener https add --address 0.0.0.0:8443 --certificate {certificate}"));
    }

    [Fact]
    public void Add_inactive_only_adds()
    {
        Request request = RequestFor("listener https add --address 0.0.0.0:8443 --inactive");

        Assert.Equal(Request.RequestTypeOneofCase.AddHttpsListener, request.RequestTypeCase);
    }

    [Fact]
    public void Remove_activate_and_deactivate_name_an_https_listener()
    {
        SocketAddress address = Address("127.0.0.1:8443");

        Assert.Equal(
            new Request { RemoveListener = new RemoveListener { Address = address, Proxy = ListenerType.Https } },
            RequestFor("listener https remove --address 127.0.0.1:8443"));
        Assert.Equal(
            new Request { ActivateListener = new ActivateListener { Address = address, Proxy = ListenerType.Https } },
            RequestFor("listener https activate --address 127.0.0.1:8443"));
        Assert.Equal(
            new Request { DeactivateListener = new DeactivateListener { Address = address, Proxy = ListenerType.Https } },
            RequestFor("listener https deactivate --address 127.0.0.1:8443"));
    }

    public void Dispose() => _directory.Dispose();
}
