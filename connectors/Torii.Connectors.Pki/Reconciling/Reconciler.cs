using System.Globalization;
using Torii.Client;
using Torii.Connectors.Logging;
using Torii.Connectors.Pki.Loading;
using Torii.Connectors.Pki.Monitoring;
using Torii.Connectors.Pki.Scanning;
using Torii.Protocol;

namespace Torii.Connectors.Pki.Reconciling;

/// <summary>
/// One pass: read the whole directory, ask the proxy what it serves, and make the difference.
/// Passes are whole rather than per event, so a missed or reordered file event cannot leave the
/// proxy out of step: the next pass sees the directory as it is.
/// </summary>
internal sealed class Reconciler(
    string directory,
    SocketAddress listener,
    IProxyCertificates proxy,
    CertificateOwnership ownership,
    CertificatePairLoader loader,
    ConnectorLog log,
    PkiMonitor monitor)
{
    private readonly ProblemReporter _problems = new(log, monitor.PairRejected);
    private readonly string _listenerText = SocketAddresses.Format(listener);

    /// <exception cref="IOException">The directory cannot be listed, or the state file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory cannot be listed.</exception>
    /// <exception cref="ProxyUnavailableException">The proxy cannot be reached; the pass stopped there.</exception>
    /// <exception cref="TimeoutException">The proxy did not answer; the pass stopped there.</exception>
    public async Task<ReconcileOutcome> RunAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<PairLoadResult> pairs = [.. CertificateDirectoryScanner.Scan(directory).Select(loader.Load)];
        var problems = pairs
            .Where(pair => pair.Problem is not null)
            .ToDictionary(pair => pair.Name, pair => pair.Problem!, StringComparer.Ordinal);
        IReadOnlySet<string> present = await proxy.FingerprintsAsync(listener, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<LoadedCertificate> loaded = [.. pairs.Select(pair => pair.Certificate).OfType<LoadedCertificate>()];
        IReadOnlyList<CertificateAction> actions = ReconcilePlanner.Plan(
            loaded,
            problems.Keys.ToHashSet(StringComparer.Ordinal),
            ownership.Certificates,
            present);

        int unusable = problems.Count;
        var tally = new ActionTally();
        try
        {
            foreach (CertificateAction action in actions)
            {
                try
                {
                    await ApplyAsync(action, tally, cancellationToken).ConfigureAwait(false);
                }
                catch (CommandFailedException refusal)
                {
                    tally.Refused++;
                    problems[NameOf(action)] = $"the proxy refused it: {refusal.ProxyMessage}";
                }
            }
        }
        finally
        {
            _problems.Publish(problems);
        }

        var owned = ownership.Certificates.Select(certificate => certificate.Fingerprint).ToHashSet(StringComparer.Ordinal);
        DateTimeOffset? earliestExpiry = loaded
            .Where(certificate => owned.Contains(certificate.Fingerprint))
            .Select(certificate => (DateTimeOffset?)certificate.NotAfter)
            .Min();
        return new ReconcileOutcome(pairs.Count, unusable, tally.Added, tally.Replaced, tally.Removed, tally.Refused, owned.Count, earliestExpiry);
    }

    private async Task ApplyAsync(CertificateAction action, ActionTally tally, CancellationToken cancellationToken)
    {
        switch (action)
        {
            case AddCertificateAction add:
                await AddAsync(add.Certificate, cancellationToken).ConfigureAwait(false);
                tally.Added++;
                break;
            case ReplaceCertificateAction replace:
                await ReplaceAsync(replace, cancellationToken).ConfigureAwait(false);
                tally.Replaced++;
                break;
            case RemoveCertificateAction remove:
                await proxy.RemoveAsync(listener, remove.Owned.Fingerprint, cancellationToken).ConfigureAwait(false);
                ownership.Forget(remove.Owned.Fingerprint);
                tally.Removed++;
                log.Info($"{remove.Owned.Name}: removed certificate {remove.Owned.Fingerprint} from {_listenerText} (its files are gone)");
                break;
            case ForgetCertificateAction forget:
                ownership.Forget(forget.Owned.Fingerprint);
                log.Info($"{forget.Owned.Name}: certificate {forget.Owned.Fingerprint} is gone from the directory and from the proxy; forgotten");
                break;
            case RenameCertificateAction rename:
                ownership.Record(rename.Owned with { Name = rename.NewName });
                break;
            default:
                throw new InvalidOperationException($"unknown action {action.GetType().Name}");
        }
    }

    // Recorded before it is sent: if the connector dies after the proxy applied it, the restarted
    // connector still knows the certificate is its own.
    private async Task AddAsync(LoadedCertificate certificate, CancellationToken cancellationToken)
    {
        ownership.Record(Owned(certificate));
        try
        {
            await proxy.AddAsync(listener, certificate.Contents, cancellationToken).ConfigureAwait(false);
        }
        catch (CommandFailedException)
        {
            ownership.Forget(certificate.Fingerprint);
            throw;
        }

        log.Info($"{certificate.Name}: added certificate {Describe(certificate)} to {_listenerText}");
    }

    private async Task ReplaceAsync(ReplaceCertificateAction replace, CancellationToken cancellationToken)
    {
        LoadedCertificate certificate = replace.Certificate;
        bool sameCertificate = replace.OldFingerprint == certificate.Fingerprint;
        ownership.Record(Owned(certificate));
        try
        {
            await proxy.ReplaceAsync(listener, replace.OldFingerprint, certificate.Contents, cancellationToken).ConfigureAwait(false);
        }
        catch (CommandFailedException)
        {
            if (sameCertificate)
            {
                ownership.Record(replace.Old);
            }
            else
            {
                ownership.Forget(certificate.Fingerprint);
            }

            throw;
        }

        if (!sameCertificate)
        {
            ownership.Forget(replace.OldFingerprint);
        }

        string what = sameCertificate ? "its chain or key changed" : $"replaces {replace.OldFingerprint}";
        log.Info($"{certificate.Name}: replaced certificate on {_listenerText} with {Describe(certificate)} ({what})");
    }

    private static OwnedCertificate Owned(LoadedCertificate certificate) => new(certificate.Fingerprint, certificate.Digest, certificate.Name);

    private static string Describe(LoadedCertificate certificate) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{certificate.Fingerprint} for {string.Join(", ", certificate.Domains)}, valid until {certificate.NotAfter:yyyy-MM-dd}");

    private static string NameOf(CertificateAction action) => action switch
    {
        AddCertificateAction add => add.Certificate.Name,
        ReplaceCertificateAction replace => replace.Certificate.Name,
        RemoveCertificateAction remove => remove.Owned.Name,
        ForgetCertificateAction forget => forget.Owned.Name,
        RenameCertificateAction rename => rename.NewName,
        _ => action.GetType().Name,
    };
}
