namespace Torii.Connectors.Pki.Reconciling;

/// <summary>A certificate this connector added that is gone both from the directory and from the proxy: only the record remains.</summary>
internal sealed record ForgetCertificateAction(OwnedCertificate Owned) : CertificateAction;
