using Torii.Connectors.Pki.Loading;

namespace Torii.Connectors.Pki.Reconciling;

/// <summary>
/// Decides what to change, from what the directory holds, what the proxy serves and what this connector
/// added earlier. It never touches a certificate it did not add, and never removes one whose files are
/// still there but unusable for now (half-written, invalid): the proxy keeps serving it meanwhile.
/// </summary>
internal static class ReconcilePlanner
{
    /// <param name="desired">The valid pairs of the directory.</param>
    /// <param name="unusableNames">Pairs present in the directory that cannot be used right now.</param>
    /// <param name="owned">What this connector added earlier, by fingerprint.</param>
    /// <param name="present">The fingerprints the proxy serves on the listener.</param>
    /// <returns>Additions and replacements first, so that a name is never left without a certificate, then removals.</returns>
    public static IReadOnlyList<CertificateAction> Plan(
        IReadOnlyList<LoadedCertificate> desired,
        IReadOnlySet<string> unusableNames,
        IReadOnlyCollection<OwnedCertificate> owned,
        IReadOnlySet<string> present)
    {
        // The same certificate in two files is one certificate to the proxy; the first name stands for it.
        List<LoadedCertificate> wanted = [.. desired
            .OrderBy(certificate => certificate.Name, StringComparer.Ordinal)
            .DistinctBy(certificate => certificate.Fingerprint)];
        HashSet<string> wantedFingerprints = wanted.Select(certificate => certificate.Fingerprint).ToHashSet(StringComparer.Ordinal);
        Dictionary<string, OwnedCertificate> ownedByFingerprint = owned.ToDictionary(certificate => certificate.Fingerprint, StringComparer.Ordinal);
        var settled = new HashSet<string>(StringComparer.Ordinal);
        var actions = new List<CertificateAction>();

        foreach (LoadedCertificate certificate in wanted)
        {
            settled.Add(certificate.Fingerprint);
            ownedByFingerprint.TryGetValue(certificate.Fingerprint, out OwnedCertificate? ours);
            if (present.Contains(certificate.Fingerprint))
            {
                if (ours is null)
                {
                    // Served already, added by someone else: not ours to change.
                    continue;
                }

                if (ours.Digest != certificate.Digest)
                {
                    actions.Add(new ReplaceCertificateAction(ours, certificate));
                }
                else if (ours.Name != certificate.Name)
                {
                    actions.Add(new RenameCertificateAction(ours, certificate.Name));
                }

                continue;
            }

            OwnedCertificate? predecessor = owned.FirstOrDefault(previous =>
                previous.Name == certificate.Name
                && present.Contains(previous.Fingerprint)
                && !wantedFingerprints.Contains(previous.Fingerprint)
                && !settled.Contains(previous.Fingerprint));
            if (predecessor is null)
            {
                actions.Add(new AddCertificateAction(certificate));
            }
            else
            {
                settled.Add(predecessor.Fingerprint);
                actions.Add(new ReplaceCertificateAction(predecessor, certificate));
            }
        }

        foreach (OwnedCertificate previous in owned.Where(previous => !settled.Contains(previous.Fingerprint)))
        {
            if (unusableNames.Contains(previous.Name))
            {
                continue;
            }

            actions.Add(present.Contains(previous.Fingerprint)
                ? new RemoveCertificateAction(previous)
                : new ForgetCertificateAction(previous));
        }

        return actions;
    }
}
