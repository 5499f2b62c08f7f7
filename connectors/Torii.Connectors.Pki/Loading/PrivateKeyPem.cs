using System.Security.Cryptography;

namespace Torii.Connectors.Pki.Loading;

/// <summary>Reads an unencrypted PEM private key of the kinds a TLS server certificate uses: RSA or ECDSA.</summary>
internal static class PrivateKeyPem
{
    /// <returns>The key, or null when the text holds none that can be read.</returns>
    public static AsymmetricAlgorithm? TryRead(string pem) =>
        TryImport(RSA.Create(), pem) ?? TryImport(ECDsa.Create(), pem);

    private static AsymmetricAlgorithm? TryImport(AsymmetricAlgorithm key, string pem)
    {
        try
        {
            key.ImportFromPem(pem);
            return key;
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            key.Dispose();
            return null;
        }
    }
}
