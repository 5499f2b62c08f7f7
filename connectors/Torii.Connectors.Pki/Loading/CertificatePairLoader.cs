using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Torii.Connectors.Pki.Scanning;
using Torii.Protocol;

namespace Torii.Connectors.Pki.Loading;

/// <summary>
/// Reads a pair and checks what the proxy would refuse, and what a file caught half-written looks like:
/// a missing half, unreadable PEM, a key that does not match the certificate, a chain that does not
/// lead up from it, an expired certificate, a certificate that names no domain.
/// </summary>
internal sealed class CertificatePairLoader(TimeProvider time)
{
    private const string CertificateLabel = "CERTIFICATE";

    public PairLoadResult Load(CertificateFiles files)
    {
        if (files.CertificatePath is null)
        {
            return PairLoadResult.Failed(files.Name, $"{files.KeyPath} has no {CertificateDirectoryScanner.CertificateExtension} file beside it yet");
        }

        if (files.KeyPath is null)
        {
            return PairLoadResult.Failed(files.Name, $"{files.CertificatePath} has no {CertificateDirectoryScanner.KeyExtension} file beside it yet");
        }

        try
        {
            return Check(files.Name, files.CertificatePath, File.ReadAllText(files.CertificatePath), files.KeyPath, File.ReadAllText(files.KeyPath));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return PairLoadResult.Failed(files.Name, $"cannot read it: {exception.Message}");
        }
    }

    private PairLoadResult Check(string name, string certificatePath, string certificateText, string keyPath, string keyText)
    {
        if (Pem.StopsInsideBlock(certificateText))
        {
            return PairLoadResult.Failed(name, $"{certificatePath} stops inside a PEM block (still being written?)");
        }

        if (Pem.StopsInsideBlock(keyText))
        {
            return PairLoadResult.Failed(name, $"{keyPath} stops inside a PEM block (still being written?)");
        }

        IReadOnlyList<string> blocks = Pem.Blocks(certificateText, CertificateLabel);
        if (blocks.Count == 0)
        {
            return PairLoadResult.Failed(name, $"{certificatePath} holds no PEM certificate");
        }

        var certificates = new List<X509Certificate2>();
        try
        {
            foreach (string block in blocks)
            {
                if (TryParse(block) is not { } certificate)
                {
                    string which = certificates.Count == 0 ? "the certificate" : $"chain certificate #{certificates.Count}";
                    return PairLoadResult.Failed(name, $"{certificatePath}: {which} is not a valid PEM certificate");
                }

                certificates.Add(certificate);
            }

            X509Certificate2 leaf = certificates[0];
            string? problem = CheckChain(certificatePath, certificates)
                ?? CheckValidity(certificatePath, leaf)
                ?? CheckKey(certificatePath, leaf, keyPath, keyText);
            return problem is null
                ? PairLoadResult.Loaded(Describe(name, blocks, leaf, keyText))
                : PairLoadResult.Failed(name, problem);
        }
        finally
        {
            certificates.ForEach(certificate => certificate.Dispose());
        }
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

    // A renewal written file by file can briefly pair a new leaf with an old chain; the names show it.
    private static string? CheckChain(string certificatePath, List<X509Certificate2> certificates)
    {
        for (int index = 1; index < certificates.Count; index++)
        {
            X509Certificate2 issued = certificates[index - 1];
            X509Certificate2 issuer = certificates[index];
            if (!issued.IssuerName.RawData.AsSpan().SequenceEqual(issuer.SubjectName.RawData))
            {
                return $"{certificatePath}: chain certificate #{index} ({issuer.Subject}) did not issue the certificate before it (issued by {issued.Issuer})";
            }
        }

        return null;
    }

    private string? CheckValidity(string certificatePath, X509Certificate2 leaf)
    {
        DateTimeOffset notAfter = leaf.NotAfter.ToUniversalTime();
        if (notAfter <= time.GetUtcNow())
        {
            return $"{certificatePath}: the certificate expired on {notAfter.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)}";
        }

        return CertificateDomains.Of(leaf).Count == 0
            ? $"{certificatePath}: the certificate names no domain (no CN, no DNS subject alternative name)"
            : null;
    }

    private static string? CheckKey(string certificatePath, X509Certificate2 leaf, string keyPath, string keyText)
    {
        using AsymmetricAlgorithm? key = PrivateKeyPem.TryRead(keyText);
        if (key is null)
        {
            return $"{keyPath} holds no readable private key (unencrypted PEM: PKCS#8, RSA or EC)";
        }

        try
        {
            using X509Certificate2 withKey = key switch
            {
                RSA rsa => leaf.CopyWithPrivateKey(rsa),
                ECDsa ecdsa => leaf.CopyWithPrivateKey(ecdsa),
                _ => throw new ArgumentException($"unsupported key type {key.GetType().Name}"),
            };
            return null;
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            return $"{keyPath}: the key does not match the certificate in {certificatePath}";
        }
    }

    private static LoadedCertificate Describe(string name, IReadOnlyList<string> blocks, X509Certificate2 leaf, string keyText)
    {
        var contents = new CertificateAndKey { Certificate = blocks[0], Key = keyText };
        contents.CertificateChain.AddRange(blocks.Skip(1));
        return new LoadedCertificate(
            name,
            Convert.ToHexStringLower(SHA256.HashData(leaf.RawData)),
            Digest(blocks, keyText),
            CertificateDomains.Of(leaf),
            leaf.NotAfter.ToUniversalTime(),
            contents);
    }

    private static string Digest(IReadOnlyList<string> blocks, string keyText)
    {
        string normalized = string.Join('\n', [.. blocks, keyText.Trim()]).ReplaceLineEndings("\n");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }
}
