using Torii.Connectors.Pki.Loading;

namespace Torii.Connectors.Pki.Reconciling;

/// <summary>
/// A pair that changed: renewed (a new fingerprint), or the same certificate with another chain or key
/// (then <see cref="OldFingerprint"/> is its own). Replacing is one step in the proxy, so no handshake
/// in between finds neither.
/// </summary>
internal sealed record ReplaceCertificateAction(OwnedCertificate Old, LoadedCertificate Certificate) : CertificateAction
{
    public string OldFingerprint => Old.Fingerprint;
}
