using System.Collections.Immutable;

namespace Torii.Proxy.Tls;

/// <summary>
/// The certificates of one HTTPS listener, looked up by SNI name: exact, then the
/// wildcard for the parent domain, then the listener's default. Immutable; a change
/// touches only the names of the certificate it adds or removes.
/// </summary>
public sealed class CertificateIndex
{
    public static readonly CertificateIndex Empty = new(null, ImmutableDictionary<string, CertificateMaterial>.Empty, ImmutableDictionary<string, ImmutableArray<CertificateMaterial>>.Empty);

    private readonly ImmutableDictionary<string, ImmutableArray<CertificateMaterial>> _byName;

    private CertificateIndex(
        CertificateMaterial? defaultCertificate,
        ImmutableDictionary<string, CertificateMaterial> byFingerprint,
        ImmutableDictionary<string, ImmutableArray<CertificateMaterial>> byName)
    {
        Default = defaultCertificate;
        ByFingerprint = byFingerprint;
        _byName = byName;
    }

    public CertificateMaterial? Default { get; }

    public ImmutableDictionary<string, CertificateMaterial> ByFingerprint { get; }

    public CertificateIndex WithDefault(CertificateMaterial? certificate) => new(certificate, ByFingerprint, _byName);

    public CertificateIndex With(CertificateMaterial certificate)
    {
        var byName = _byName;
        foreach (var name in certificate.Names)
        {
            var holders = byName.GetValueOrDefault(name, []).Add(certificate).Sort(LatestExpiryFirst);
            byName = byName.SetItem(name, holders);
        }

        return new CertificateIndex(Default, ByFingerprint.SetItem(certificate.Fingerprint, certificate), byName);
    }

    public CertificateIndex Without(string fingerprint)
    {
        if (!ByFingerprint.TryGetValue(fingerprint, out var certificate))
        {
            return this;
        }

        var byName = _byName;
        foreach (var name in certificate.Names)
        {
            var holders = byName.GetValueOrDefault(name, []).RemoveAll(held => held.Fingerprint == fingerprint);
            byName = holders.IsEmpty ? byName.Remove(name) : byName.SetItem(name, holders);
        }

        return new CertificateIndex(Default, ByFingerprint.Remove(fingerprint), byName);
    }

    /// <summary>For one name, the certificate that expires last wins.</summary>
    public CertificateMaterial? Find(string? serverName)
    {
        if (!string.IsNullOrEmpty(serverName))
        {
            var name = serverName.TrimEnd('.').ToLowerInvariant();
            if (_byName.TryGetValue(name, out var exact))
            {
                return exact[0];
            }

            var dot = name.IndexOf('.');
            if (dot > 0 && _byName.TryGetValue(string.Concat("*", name.AsSpan(dot)), out var wildcard))
            {
                return wildcard[0];
            }
        }

        return Default;
    }

    private static int LatestExpiryFirst(CertificateMaterial left, CertificateMaterial right) => right.NotAfter.CompareTo(left.NotAfter);
}
