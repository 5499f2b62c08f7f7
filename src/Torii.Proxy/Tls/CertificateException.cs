namespace Torii.Proxy.Tls;

/// <summary>A certificate, chain or key that cannot be served; the message says why.</summary>
public sealed class CertificateException(string message) : Exception(message);
