using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Torii.Cli;

/// <summary>A certificate's fingerprint as the proxy names it: SHA-256 of the leaf's DER, lowercase hex (as Sōzu).</summary>
internal static class CertificateFingerprint
{
    /// <exception cref="CommandLineException">The PEM text is not a certificate.</exception>
    public static string Of(string optionName, string certificatePem)
    {
        try
        {
            using X509Certificate2 certificate = X509Certificate2.CreateFromPem(certificatePem);
            return Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));
        }
        catch (CryptographicException exception)
        {
            throw new CommandLineException($"{optionName} is not a readable PEM certificate: {exception.Message}");
        }
    }

    /// <summary>Accepts the forms tools print (openssl's "AB:CD:..." included) and gives the proxy's form.</summary>
    public static string Normalize(string given) => given.Replace(":", "", StringComparison.Ordinal).ToLowerInvariant();
}
