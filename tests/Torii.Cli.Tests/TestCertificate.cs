using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Torii.Cli.Tests;

/// <summary>A certificate made for a test, with its PEM forms and the fingerprint the proxy would give it.</summary>
internal sealed record TestCertificate(string CertificatePem, string KeyPem, string Fingerprint)
{
    public static TestCertificate SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return new TestCertificate(
            certificate.ExportCertificatePem(),
            key.ExportPkcs8PrivateKeyPem(),
            Convert.ToHexStringLower(SHA256.HashData(certificate.RawData)));
    }
}
