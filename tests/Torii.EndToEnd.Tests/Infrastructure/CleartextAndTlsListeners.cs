using Torii.Protocol;

namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>An HTTP listener and an HTTPS listener (a self-signed default certificate for the host) on fresh ports, both routing the host to one cluster.</summary>
public static class CleartextAndTlsListeners
{
    /// <param name="configure">Sets limits on the HTTP listener before it is added.</param>
    public static async Task<(int Cleartext, int Tls)> AddAsync(ToriiProcess torii, string host, Action<HttpListenerConfig>? configure = null)
    {
        var cleartextPort = FreePort.Next();
        var tlsPort = FreePort.Next();
        var listener = new HttpListenerConfig { Address = Requests.Loopback(cleartextPort), Active = true };
        configure?.Invoke(listener);
        var certificate = TestCertificate.SelfSigned(host);
        await torii.MustAsync(new Request { AddHttpListener = listener });
        await torii.MustAsync(new Request
        {
            AddHttpsListener = new HttpsListenerConfig
            {
                Address = Requests.Loopback(tlsPort),
                Active = true,
                Certificate = certificate.CertificatePem,
                Key = certificate.KeyPem,
            },
        });
        return (cleartextPort, tlsPort);
    }

    public static async Task RouteAsync(ToriiProcess torii, string cluster, string host, (int Cleartext, int Tls) ports)
    {
        await torii.MustAsync(Requests.AddFrontend(cluster, ports.Cleartext, host));
        await torii.MustAsync(new Request { AddHttpsFrontend = Requests.Frontend(cluster, ports.Tls, host) });
    }
}
