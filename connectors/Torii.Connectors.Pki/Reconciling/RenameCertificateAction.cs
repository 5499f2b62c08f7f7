namespace Torii.Connectors.Pki.Reconciling;

/// <summary>A certificate of ours now found under another name (its files moved); renewals follow the name.</summary>
internal sealed record RenameCertificateAction(OwnedCertificate Owned, string NewName) : CertificateAction;
