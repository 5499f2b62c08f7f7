using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Torii.Protocol;

namespace Torii.Proxy.Tls;

/// <summary>
/// A certificate ready to serve: parsed once when it is added, with its chain built
/// into an <see cref="SslStreamCertificateContext"/> so a handshake does no parsing.
/// </summary>
public sealed class CertificateMaterial
{
    private CertificateMaterial(CertificateAndKey source, X509Certificate2 leaf, SslStreamCertificateContext context, IReadOnlyList<string> names)
    {
        Source = source;
        Leaf = leaf;
        Context = context;
        Names = names;
        Fingerprint = FingerprintOf(leaf);
    }

    /// <summary>SHA-256 of the leaf certificate's DER, lowercase hex, as Sōzu computes it.</summary>
    public string Fingerprint { get; }

    public IReadOnlyList<string> Names { get; }

    public DateTime NotAfter => Leaf.NotAfter;

    public X509Certificate2 Leaf { get; }

    public SslStreamCertificateContext Context { get; }

    public CertificateAndKey Source { get; }

    public static string FingerprintOf(X509Certificate2 certificate) => Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));

    /// <summary>Parses and checks a certificate, its chain and its key; throws <see cref="CertificateException"/> saying what is wrong.</summary>
    public static CertificateMaterial Parse(CertificateAndKey source)
    {
        if (string.IsNullOrWhiteSpace(source.Certificate) || string.IsNullOrWhiteSpace(source.Key))
        {
            throw new CertificateException("a certificate and its key are both required");
        }

        var leaf = LoadLeaf(source);
        var chain = LoadChain(source);
        CheckChainOrder(leaf, chain);
        var names = NamesOf(source, leaf);
        var context = SslStreamCertificateContext.Create(leaf, chain, offline: true);
        return new CertificateMaterial(source.Clone(), leaf, context, names);
    }

    private static X509Certificate2 LoadLeaf(CertificateAndKey source)
    {
        try
        {
            return X509Certificate2.CreateFromPem(source.Certificate, source.Key);
        }
        catch (CryptographicException e)
        {
            throw new CertificateException($"the certificate or its key cannot be used: {e.Message}");
        }
        catch (ArgumentException e)
        {
            throw new CertificateException($"the certificate or its key is not valid PEM: {e.Message}");
        }
    }

    private static X509Certificate2Collection LoadChain(CertificateAndKey source)
    {
        var chain = new X509Certificate2Collection();
        foreach (var pem in source.CertificateChain)
        {
            try
            {
                chain.ImportFromPem(pem);
            }
            catch (CryptographicException e)
            {
                throw new CertificateException($"the certificate chain is not valid PEM: {e.Message}");
            }
        }

        return chain;
    }

    /// <summary>Clients expect each certificate of the chain to have issued the one before it.</summary>
    private static void CheckChainOrder(X509Certificate2 leaf, X509Certificate2Collection chain)
    {
        var previous = leaf;
        foreach (var certificate in chain)
        {
            if (!previous.IssuerName.RawData.AsSpan().SequenceEqual(certificate.SubjectName.RawData))
            {
                throw new CertificateException(
                    $"the certificate chain is out of order: \"{previous.Subject}\" was not issued by \"{certificate.Subject}\"");
            }

            previous = certificate;
        }
    }

    private static List<string> NamesOf(CertificateAndKey source, X509Certificate2 leaf)
    {
        IEnumerable<string> names = source.Names.Count > 0 ? source.Names : NamesInCertificate(leaf);
        var normalized = names.Select(name => name.Trim().TrimEnd('.').ToLowerInvariant()).Where(name => name.Length > 0).Distinct().ToList();
        if (normalized.Count == 0)
        {
            throw new CertificateException("the certificate names no host (no subject alternative name or common name, and no names given)");
        }

        return normalized;
    }

    private static IEnumerable<string> NamesInCertificate(X509Certificate2 leaf)
    {
        foreach (var extension in leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>())
        {
            foreach (var name in extension.EnumerateDnsNames())
            {
                yield return name;
            }
        }

        var commonName = leaf.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (!string.IsNullOrWhiteSpace(commonName) && !commonName.Contains(' ', StringComparison.Ordinal))
        {
            yield return commonName;
        }
    }
}
