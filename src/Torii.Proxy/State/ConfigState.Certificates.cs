using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using Torii.Protocol;
using SocketAddress = Torii.Protocol.SocketAddress;
using Torii.Proxy.Listeners;
using Torii.Proxy.Tls;

namespace Torii.Proxy.State;

public sealed partial class ConfigState
{
    private readonly Dictionary<IPEndPoint, OrderedDictionary<string, AddCertificate>> _certificates = [];

    public string AddHttpsListener(HttpsListenerConfig config)
    {
        var address = EndPointOf(config.Address);
        var defaultCertificate = config.HasCertificate || config.HasKey
            ? Parse(new CertificateAndKey { Certificate = config.Certificate, Key = config.Key, CertificateChain = { config.CertificateChain } })
            : null;
        var settings = HttpsSettingsOf(config);
        var message = AddListener(config, settings, config.Active);
        var snapshot = Snapshot;
        var index = snapshot.CertificatesFor(address).WithDefault(defaultCertificate);
        Publish(snapshot with { Certificates = snapshot.Certificates.SetItem(address, index) });
        return message;
    }

    public string AddCertificate(AddCertificate request)
    {
        var address = RequireHttpsListener(request.Address);
        var material = Parse(request.Certificate);
        var certificates = CertificatesOf(address);
        if (certificates.ContainsKey(material.Fingerprint))
        {
            throw new CommandException($"certificate {material.Fingerprint} already exists on {address}");
        }

        certificates.Add(material.Fingerprint, request.Clone());
        PublishCertificates(address, index => index.With(material));
        return $"certificate {material.Fingerprint} for {string.Join(", ", material.Names)} added on {address}";
    }

    /// <summary>Swaps a certificate in one step: no handshake sees neither the old nor the new one.</summary>
    public string ReplaceCertificate(ReplaceCertificate request)
    {
        var address = RequireHttpsListener(request.Address);
        var certificates = CertificatesOf(address);
        if (!certificates.ContainsKey(request.OldFingerprint))
        {
            throw new CommandException($"no certificate {request.OldFingerprint} on {address}");
        }

        var material = Parse(request.NewCertificate);
        if (material.Fingerprint != request.OldFingerprint && certificates.ContainsKey(material.Fingerprint))
        {
            throw new CommandException($"certificate {material.Fingerprint} already exists on {address}");
        }

        certificates.Remove(request.OldFingerprint);
        certificates.Add(material.Fingerprint, new AddCertificate { Address = request.Address, Certificate = request.NewCertificate.Clone() });
        PublishCertificates(address, index => index.Without(request.OldFingerprint).With(material));
        return $"certificate {request.OldFingerprint} replaced by {material.Fingerprint} on {address}";
    }

    public string RemoveCertificate(RemoveCertificate request)
    {
        var address = EndPointOf(request.Address);
        if (!_certificates.TryGetValue(address, out var certificates) || !certificates.Remove(request.Fingerprint))
        {
            throw new CommandException($"no certificate {request.Fingerprint} on {address}");
        }

        PublishCertificates(address, index => index.Without(request.Fingerprint));
        return $"certificate {request.Fingerprint} removed from {address}";
    }

    public ResponseContent QueryCertificates(QueryCertificatesFilters filters)
    {
        if (filters.HasFingerprint)
        {
            var found = new CertificatesWithFingerprints();
            foreach (var certificate in _certificates.Values.SelectMany(byFingerprint => byFingerprint).Where(pair => pair.Key == filters.Fingerprint))
            {
                found.Certs[certificate.Key] = certificate.Value.Certificate;
            }

            return new ResponseContent { CertificatesWithFingerprints = found };
        }

        var list = new ListOfCertificatesByAddress();
        foreach (var (address, index) in Snapshot.Certificates)
        {
            var byAddress = new CertificatesByAddress { Address = SocketAddresses.ToProto(address) };
            ServedCertificates.AddNames(byAddress, index, name => !filters.HasDomain || name == filters.Domain.ToLowerInvariant());

            list.Certificates.Add(byAddress);
        }

        return new ResponseContent { CertificatesByAddress = list };
    }

    private IEnumerable<Request> CertificateRequests() =>
        _certificates.Values.SelectMany(byFingerprint => byFingerprint.Values).Select(certificate => new Request { AddCertificate = certificate.Clone() });

    private IPEndPoint RequireHttpsListener(SocketAddress address)
    {
        var endPoint = EndPointOf(address);
        return FindListener(endPoint, ListenerProtocol.Https) is null
            ? throw new CommandException($"no HTTPS listener at {endPoint}")
            : endPoint;
    }

    private OrderedDictionary<string, AddCertificate> CertificatesOf(IPEndPoint address)
    {
        if (!_certificates.TryGetValue(address, out var certificates))
        {
            certificates = new OrderedDictionary<string, AddCertificate>(StringComparer.Ordinal);
            _certificates.Add(address, certificates);
        }

        return certificates;
    }

    private void PublishCertificates(IPEndPoint address, Func<CertificateIndex, CertificateIndex> change)
    {
        var snapshot = Snapshot;
        Publish(snapshot with { Certificates = snapshot.Certificates.SetItem(address, change(snapshot.CertificatesFor(address))) });
    }

    private static CertificateMaterial Parse(CertificateAndKey? certificate)
    {
        try
        {
            return CertificateMaterial.Parse(certificate ?? new CertificateAndKey());
        }
        catch (CertificateException e)
        {
            throw new CommandException(e.Message);
        }
    }

    /// <summary>TLS 1.2 and 1.3 unless the listener asks for fewer; older versions are refused, not negotiated.</summary>
    private static SslProtocols TlsProtocolsOf(IEnumerable<TlsVersion> versions)
    {
        var protocols = SslProtocols.None;
        foreach (var version in versions)
        {
            protocols |= version switch
            {
                TlsVersion.TlsV12 => SslProtocols.Tls12,
                TlsVersion.TlsV13 => SslProtocols.Tls13,
                _ => throw new CommandException($"TLS version {version} is not supported (TLS_V1_2 and TLS_V1_3 are)"),
            };
        }

        return protocols == SslProtocols.None ? SslProtocols.Tls12 | SslProtocols.Tls13 : protocols;
    }
}
