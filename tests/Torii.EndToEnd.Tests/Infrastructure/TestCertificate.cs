using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Torii.Protocol;

namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>A certificate made for a test, as the PEM texts an operator would hand to the proxy.</summary>
public sealed record TestCertificate(string CertificatePem, string KeyPem, string Fingerprint, string[] ChainPems)
{
    public static TestCertificate SelfSigned(params string[] names) => Issue(names, issuer: null, days: 30).Certificate;

    public static TestCertificate SelfSignedValidFor(int days, params string[] names) => Issue(names, issuer: null, days).Certificate;

    /// <summary>A leaf signed by a fresh intermediate: returns the leaf with its chain (intermediate) attached.</summary>
    public static TestCertificate WithIntermediate(string name)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Torii Test Intermediate", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(60));
        var (leaf, _) = Issue([name], ca, days: 30);
        return leaf with { ChainPems = [ca.ExportCertificatePem()] };
    }

    public CertificateAndKey ToProto() => new() { Certificate = CertificatePem, Key = KeyPem, CertificateChain = { ChainPems } };

    private static (TestCertificate Certificate, X509Certificate2 Raw) Issue(string[] names, X509Certificate2? issuer, int days)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={names.FirstOrDefault() ?? "no names"}", key, HashAlgorithmName.SHA256);
        if (names.Length > 0)
        {
            var alternativeNames = new SubjectAlternativeNameBuilder();
            foreach (var name in names)
            {
                alternativeNames.AddDnsName(name);
            }

            request.CertificateExtensions.Add(alternativeNames.Build());
        }

        var notBefore = DateTimeOffset.UtcNow.AddDays(-1);
        var notAfter = DateTimeOffset.UtcNow.AddDays(days);
        var certificate = issuer is null
            ? request.CreateSelfSigned(notBefore, notAfter)
            : request.Create(issuer, notBefore, notAfter, RandomNumberGenerator.GetBytes(8));
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));
        return (new TestCertificate(certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem(), fingerprint, []), certificate);
    }
}
