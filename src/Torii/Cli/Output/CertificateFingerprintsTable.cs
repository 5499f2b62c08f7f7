using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Torii.Protocol;

namespace Torii.Cli.Output;

/// <summary>`certificate list --fingerprint F`: the certificate found, its names and when it expires.</summary>
internal static class CertificateFingerprintsTable
{
    public static void Write(CertificatesWithFingerprints certificates, TextWriter writer)
    {
        if (certificates.Certs.Count == 0)
        {
            writer.WriteLine("no certificates");
            return;
        }

        var table = new TextTable("FINGERPRINT", "NAMES", "EXPIRES");
        foreach (var (fingerprint, certificate) in certificates.Certs.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            using X509Certificate2? parsed = TryParse(certificate.Certificate);
            IEnumerable<string> names = certificate.Names.Count > 0 ? certificate.Names : NamesOf(parsed);
            table.AddRow(
                fingerprint,
                string.Join(",", names) is { Length: > 0 } joined ? joined : Display.None,
                parsed?.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? Display.None);
        }

        table.WriteTo(writer);
    }

    // Names not given with the certificate are the ones the proxy serves it for: its DNS alternative names and CN.
    private static IEnumerable<string> NamesOf(X509Certificate2? certificate)
    {
        if (certificate is null)
        {
            return [];
        }

        var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(extension => extension.EnumerateDnsNames()).ToList();
        string commonName = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        return commonName.Length == 0 || names.Contains(commonName, StringComparer.OrdinalIgnoreCase) ? names : [commonName, .. names];
    }

    private static X509Certificate2? TryParse(string pem)
    {
        try
        {
            return X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
