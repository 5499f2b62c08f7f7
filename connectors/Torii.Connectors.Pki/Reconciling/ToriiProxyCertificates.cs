using Torii.Client;
using Torii.Protocol;
using ContentCase = Torii.Protocol.ResponseContent.ContentTypeOneofCase;

namespace Torii.Connectors.Pki.Reconciling;

/// <summary>The certificate requests, sent through the shared client.</summary>
internal sealed class ToriiProxyCertificates(ToriiClient client) : IProxyCertificates
{
    public async Task<IReadOnlySet<string>> FingerprintsAsync(SocketAddress listener, CancellationToken cancellationToken)
    {
        ResponseContent content = await client.QueryCertificatesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (content.ContentTypeCase is not (ContentCase.CertificatesByAddress or ContentCase.None))
        {
            throw new ProtocolException($"the proxy answered the certificates query with {content.ContentTypeCase} content");
        }

        IEnumerable<CertificatesByAddress> byAddress = content.CertificatesByAddress?.Certificates ?? [];
        return byAddress
            .Where(entry => listener.Equals(entry.Address))
            .SelectMany(entry => entry.CertificateSummaries)
            .Select(summary => summary.Fingerprint)
            .ToHashSet(StringComparer.Ordinal);
    }

    public Task AddAsync(SocketAddress listener, CertificateAndKey certificate, CancellationToken cancellationToken) =>
        client.AddCertificateAsync(new AddCertificate { Address = listener, Certificate = certificate }, cancellationToken);

    public Task ReplaceAsync(SocketAddress listener, string oldFingerprint, CertificateAndKey certificate, CancellationToken cancellationToken) =>
        client.ReplaceCertificateAsync(
            new ReplaceCertificate { Address = listener, NewCertificate = certificate, OldFingerprint = oldFingerprint },
            cancellationToken);

    public Task RemoveAsync(SocketAddress listener, string fingerprint, CancellationToken cancellationToken) =>
        client.RemoveCertificateAsync(new RemoveCertificate { Address = listener, Fingerprint = fingerprint }, cancellationToken);
}
