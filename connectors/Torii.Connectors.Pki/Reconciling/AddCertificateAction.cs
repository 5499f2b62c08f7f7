using Torii.Connectors.Pki.Loading;

namespace Torii.Connectors.Pki.Reconciling;

/// <summary>A pair whose certificate the proxy does not have and that replaces nothing of ours.</summary>
internal sealed record AddCertificateAction(LoadedCertificate Certificate) : CertificateAction;
