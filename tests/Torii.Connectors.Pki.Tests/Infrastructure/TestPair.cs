namespace Torii.Connectors.Pki.Tests.Infrastructure;

/// <summary>A certificate made for a test: its PEM forms and the fingerprint the proxy gives it.</summary>
public sealed record TestPair(string CertificatePem, IReadOnlyList<string> ChainPems, string KeyPem, string Fingerprint)
{
    /// <summary>What a `.crt` file holds: the leaf, then its chain.</summary>
    public string CertificateFile => string.Join('\n', [CertificatePem, .. ChainPems]) + "\n";
}
