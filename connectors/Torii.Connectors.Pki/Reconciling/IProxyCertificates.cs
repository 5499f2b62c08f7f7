using Torii.Protocol;

namespace Torii.Connectors.Pki.Reconciling;

/// <summary>
/// The certificate requests the connector makes. A refusal throws
/// <see cref="Torii.Client.CommandFailedException"/>; an unreachable proxy throws
/// <see cref="Torii.Client.ProxyUnavailableException"/> or <see cref="TimeoutException"/>.
/// </summary>
internal interface IProxyCertificates
{
    /// <summary>The fingerprints of the certificates the proxy holds for the listener.</summary>
    Task<IReadOnlySet<string>> FingerprintsAsync(SocketAddress listener, CancellationToken cancellationToken);

    Task AddAsync(SocketAddress listener, CertificateAndKey certificate, CancellationToken cancellationToken);

    Task ReplaceAsync(SocketAddress listener, string oldFingerprint, CertificateAndKey certificate, CancellationToken cancellationToken);

    Task RemoveAsync(SocketAddress listener, string fingerprint, CancellationToken cancellationToken);
}
