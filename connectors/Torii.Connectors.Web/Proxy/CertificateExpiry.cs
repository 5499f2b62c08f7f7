using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Torii.Connectors.Web.Proxy;

internal static class CertificateExpiry
{
    /// <summary>The first certificate's notAfter, or null when the text is not a PEM certificate.</summary>
    public static DateTimeOffset? Of(string pem)
    {
        try
        {
            using X509Certificate2 certificate = X509Certificate2.CreateFromPem(pem);
            return new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
