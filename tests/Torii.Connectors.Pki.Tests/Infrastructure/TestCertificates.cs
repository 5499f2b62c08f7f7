using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Torii.Connectors.Pki.Tests.Infrastructure;

/// <summary>Certificates made with CertificateRequest: self-signed, or issued by a test CA (with an intermediate).</summary>
public static class TestCertificates
{
    public static TestPair SelfSigned(string domain, DateTimeOffset? notAfter = null, bool rsa = false)
    {
        using AsymmetricAlgorithm key = rsa ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        CertificateRequest request = ServerRequest(domain, key);
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), notAfter ?? DateTimeOffset.UtcNow.AddDays(30));
        return Pair(certificate, [], key);
    }

    /// <summary>A leaf issued by a fresh intermediate of a fresh root; the chain is the intermediate.</summary>
    public static (TestPair Leaf, string RootPem) IssuedByTestCa(string domain)
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 root = CaRequest("Torii Test Root", rootKey)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddYears(1));
        using var intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 intermediateOnly = CaRequest("Torii Test Intermediate", intermediateKey)
            .Create(root, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMonths(6), Serial());
        using X509Certificate2 intermediate = intermediateOnly.CopyWithPrivateKey(intermediateKey);
        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 leaf = ServerRequest(domain, leafKey)
            .Create(intermediate, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMonths(3), Serial());
        return (Pair(leaf, [intermediate.ExportCertificatePem()], leafKey), root.ExportCertificatePem());
    }

    /// <summary>A key that belongs to no certificate.</summary>
    public static string UnrelatedKeyPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }

    private static CertificateRequest ServerRequest(string domain, AsymmetricAlgorithm key)
    {
        CertificateRequest request = key switch
        {
            RSA rsa => new CertificateRequest($"CN={domain}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ecdsa => new CertificateRequest($"CN={domain}", ecdsa, HashAlgorithmName.SHA256),
            _ => throw new ArgumentException("RSA or ECDSA", nameof(key)),
        };
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(domain);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        return request;
    }

    private static CertificateRequest CaRequest(string name, ECDsa key)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request;
    }

    private static TestPair Pair(X509Certificate2 certificate, IReadOnlyList<string> chain, AsymmetricAlgorithm key) => new(
        certificate.ExportCertificatePem(),
        chain,
        key.ExportPkcs8PrivateKeyPem(),
        Convert.ToHexStringLower(SHA256.HashData(certificate.RawData)));

    private static byte[] Serial() => RandomNumberGenerator.GetBytes(12);
}
