using Torii.Protocol;
using Torii.Proxy.Runtime;

namespace Torii.Proxy.State;

/// <summary>
/// query_certificates_from_workers: what the serving side would present, read from the live
/// routing snapshot rather than from the state. A domain is looked up as a TLS handshake would
/// look up its SNI name (exact name, then wildcard, then the listener's default).
/// </summary>
public static class ServedCertificates
{
    /// <summary>Torii's single process answers as Sōzu's worker 0 would, inside Sōzu's per-worker map.</summary>
    public const string WorkerId = "0";

    public static ResponseContent Query(RoutingSnapshot snapshot, QueryCertificatesFilters filters)
    {
        var list = new ListOfCertificatesByAddress();
        foreach (var (address, index) in snapshot.Certificates.OrderBy(pair => pair.Key.ToString(), StringComparer.Ordinal))
        {
            var byAddress = new CertificatesByAddress { Address = SocketAddresses.ToProto(address) };
            if (filters.HasDomain)
            {
                if (index.Find(filters.Domain) is { } served)
                {
                    byAddress.CertificateSummaries.Add(new CertificateSummary { Domain = filters.Domain.ToLowerInvariant(), Fingerprint = served.Fingerprint });
                }
            }
            else
            {
                AddNames(byAddress, index, _ => true);
            }

            list.Certificates.Add(byAddress);
        }

        var responses = new WorkerResponses();
        responses.Map[WorkerId] = new ResponseContent { CertificatesByAddress = list };
        return new ResponseContent { WorkerResponses = responses };
    }

    /// <summary>One summary per name of each certificate of the listener, by fingerprint order, for the names kept.</summary>
    public static void AddNames(CertificatesByAddress byAddress, Tls.CertificateIndex index, Func<string, bool> keep)
    {
        foreach (var certificate in index.ByFingerprint.Values.OrderBy(certificate => certificate.Fingerprint, StringComparer.Ordinal))
        {
            byAddress.CertificateSummaries.AddRange(certificate.Names
                .Where(keep)
                .Select(name => new CertificateSummary { Domain = name, Fingerprint = certificate.Fingerprint }));
        }
    }
}
