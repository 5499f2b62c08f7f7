using Torii.Client;
using Torii.Connectors.Pki.Reconciling;
using Torii.Protocol;

namespace Torii.Connectors.Pki.Tests.Infrastructure;

/// <summary>
/// The proxy's certificate store for one listener, in memory, with the proxy's answers: an unknown
/// fingerprint or a duplicate is refused. It can be made unreachable, or told to refuse certificates.
/// </summary>
internal sealed class FakeProxyCertificates : IProxyCertificates
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CertificateAndKey> _certificates = new(StringComparer.Ordinal);
    private readonly List<string> _calls = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _reachable = true;

    public bool Reachable
    {
        get => _reachable;
        set => _reachable = value;
    }

    /// <summary>The proxy applies an add but its answer never arrives: the client times out.</summary>
    public bool LoseAddAnswers { get; set; }

    /// <summary>Certificates (by their PEM) the proxy refuses, as it refuses one it cannot use.</summary>
    public Func<CertificateAndKey, string?> Refuse { get; set; } = _ => null;

    /// <summary>The changes made, in order: "add FP", "replace OLD NEW", "remove FP".</summary>
    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public IReadOnlySet<string> Fingerprints
    {
        get
        {
            lock (_gate)
            {
                return _certificates.Keys.ToHashSet(StringComparer.Ordinal);
            }
        }
    }

    public int Queries { get; private set; }

    /// <summary>A certificate someone else added (a config file, an operator).</summary>
    public void AddForeign(string fingerprint)
    {
        lock (_gate)
        {
            _certificates[fingerprint] = new CertificateAndKey();
        }
    }

    public CertificateAndKey Certificate(string fingerprint)
    {
        lock (_gate)
        {
            return _certificates[fingerprint];
        }
    }

    public async Task WaitUntilAsync(Func<FakeProxyCertificates, bool> condition, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
            }

            if (condition(this))
            {
                return;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"the condition did not hold in time; calls: {string.Join("; ", Calls)}; reachable: {Reachable}");
            }
        }
    }

    public Task<IReadOnlySet<string>> FingerprintsAsync(SocketAddress listener, CancellationToken cancellationToken)
    {
        ThrowIfUnreachable();
        lock (_gate)
        {
            Queries++;
            Changed();
            return Task.FromResult<IReadOnlySet<string>>(_certificates.Keys.ToHashSet(StringComparer.Ordinal));
        }
    }

    public Task AddAsync(SocketAddress listener, CertificateAndKey certificate, CancellationToken cancellationToken)
    {
        ThrowIfUnreachable();
        string fingerprint = FingerprintOf(certificate);
        lock (_gate)
        {
            RefuseIf(Refuse(certificate));
            RefuseIf(_certificates.ContainsKey(fingerprint) ? $"certificate {fingerprint} already exists" : null);
            _certificates[fingerprint] = certificate;
            _calls.Add($"add {fingerprint}");
            Changed();
        }

        return LoseAddAnswers ? Task.FromException(new TimeoutException("add_certificate got no answer")) : Task.CompletedTask;
    }

    public Task ReplaceAsync(SocketAddress listener, string oldFingerprint, CertificateAndKey certificate, CancellationToken cancellationToken)
    {
        ThrowIfUnreachable();
        string fingerprint = FingerprintOf(certificate);
        lock (_gate)
        {
            RefuseIf(Refuse(certificate));
            RefuseIf(_certificates.ContainsKey(oldFingerprint) ? null : $"no certificate {oldFingerprint}");
            _certificates.Remove(oldFingerprint);
            _certificates[fingerprint] = certificate;
            _calls.Add($"replace {oldFingerprint} {fingerprint}");
            Changed();
        }

        return Task.CompletedTask;
    }

    public Task RemoveAsync(SocketAddress listener, string fingerprint, CancellationToken cancellationToken)
    {
        ThrowIfUnreachable();
        lock (_gate)
        {
            RefuseIf(_certificates.Remove(fingerprint) ? null : $"no certificate {fingerprint}");
            _calls.Add($"remove {fingerprint}");
            Changed();
        }

        return Task.CompletedTask;
    }

    private static string FingerprintOf(CertificateAndKey certificate)
    {
        using var parsed = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(certificate.Certificate);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(parsed.RawData));
    }

    private static void RefuseIf(string? reason)
    {
        if (reason is not null)
        {
            throw new CommandFailedException("certificate request", new Response { Status = ResponseStatus.Failure, Message = reason });
        }
    }

    private void ThrowIfUnreachable()
    {
        if (!Reachable)
        {
            lock (_gate)
            {
                Changed();
            }

            throw new ProxyUnavailableException("/fake/torii.sock", "cannot connect to /fake/torii.sock");
        }
    }

    private void Changed()
    {
        _changed.TrySetResult();
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
