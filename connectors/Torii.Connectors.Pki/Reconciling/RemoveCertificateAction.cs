namespace Torii.Connectors.Pki.Reconciling;

/// <summary>A certificate this connector added whose files are gone.</summary>
internal sealed record RemoveCertificateAction(OwnedCertificate Owned) : CertificateAction;
