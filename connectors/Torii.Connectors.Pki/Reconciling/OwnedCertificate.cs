namespace Torii.Connectors.Pki.Reconciling;

/// <summary>A certificate this connector added to the proxy, and the pair it came from.</summary>
internal sealed record OwnedCertificate(string Fingerprint, string Digest, string Name);
