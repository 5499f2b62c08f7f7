using Torii.Protocol;

namespace Torii.Connectors.Pki.Loading;

/// <summary>
/// A valid pair read from the directory. <see cref="Digest"/> covers the leaf, the chain and the key,
/// so a pair whose chain or key changed is seen as changed even when its fingerprint is the same.
/// </summary>
internal sealed record LoadedCertificate(
    string Name,
    string Fingerprint,
    string Digest,
    IReadOnlyList<string> Domains,
    DateTimeOffset NotAfter,
    CertificateAndKey Contents);
