using System.Security.Cryptography.X509Certificates;

namespace Torii.Connectors.Pki.Loading;

/// <summary>The names a certificate is served for, as the proxy derives them: its DNS subject alternative names and its CN.</summary>
internal static class CertificateDomains
{
    public static IReadOnlyList<string> Of(X509Certificate2 certificate)
    {
        var names = new List<string>();
        foreach (X509SubjectAlternativeNameExtension extension in certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>())
        {
            names.AddRange(extension.EnumerateDnsNames());
        }

        string commonName = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (commonName.Length > 0 && !names.Contains(commonName, StringComparer.OrdinalIgnoreCase))
        {
            names.Insert(0, commonName);
        }

        return names;
    }
}
