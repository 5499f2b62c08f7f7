namespace Torii.Connectors.Pki.Reconciling;

/// <summary>One step that brings the proxy (and the record of what this connector added) in line with the directory.</summary>
internal abstract record CertificateAction;
