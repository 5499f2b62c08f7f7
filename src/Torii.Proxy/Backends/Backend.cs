using System.Net;

namespace Torii.Proxy.Backends;

/// <summary>
/// One live backend server. The same object is carried from one routing
/// snapshot to the next so that its load counters and health survive reloads;
/// a change of address, weight or role is made by replacing it with a new one.
/// </summary>
public sealed class Backend
{
    public const int MaxWeight = 1000;
    public const int DefaultWeight = 100;
    public const long InitialBackoffMs = 1_000;
    public const long MaxBackoffMs = 30_000;

    private int _activeConnections;
    private int _activeRequests;
    private int _slotsHeld;
    private int _consecutiveFailures;
    private long _downUntilMs = long.MinValue;
    private volatile bool _isRemoved;

    public Backend(
        string clusterId,
        string id,
        IPEndPoint address,
        int weight = DefaultWeight,
        bool isBackup = false,
        string? stickyId = null,
        int maxConnections = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(address);
        ArgumentOutOfRangeException.ThrowIfNegative(weight);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(weight, MaxWeight);
        ArgumentOutOfRangeException.ThrowIfNegative(maxConnections);

        Id = id;
        ClusterId = clusterId;
        Address = address;
        Weight = weight;
        IsBackup = isBackup;
        StickyId = string.IsNullOrEmpty(stickyId) ? id : stickyId;
        MaxConnections = maxConnections;
    }

    public string Id { get; }

    public string ClusterId { get; }

    public IPEndPoint Address { get; }

    /// <summary>0 means drained: the backend is never picked for a new session.</summary>
    public int Weight { get; }

    public bool IsBackup { get; }

    public string StickyId { get; }

    /// <summary>Most requests (HTTP) or connections (TCP) in flight at once; 0 means unlimited and no slot is ever counted.</summary>
    public int MaxConnections { get; }

    /// <summary>The optional fields of the request that added the backend, for giving that request back (State/BackendRequests).</summary>
    public AddBackendFields RequestFields { get; init; }

    /// <summary>Slots taken by requests or connections in flight; always 0 for an unlimited backend.</summary>
    public int SlotsHeld => Volatile.Read(ref _slotsHeld);

    /// <summary>Unlimited, or below its limit: a pick may take a slot now.</summary>
    public bool HasFreeSlot => MaxConnections == 0 || Volatile.Read(ref _slotsHeld) < MaxConnections;

    public int ActiveConnections => Volatile.Read(ref _activeConnections);

    public int ActiveRequests => Volatile.Read(ref _activeRequests);

    public int ConsecutiveFailures => Volatile.Read(ref _consecutiveFailures);

    /// <summary>Set once the backend has left the configuration; in-flight work may still finish.</summary>
    public bool IsRemoved => _isRemoved;

    // ---- Attachment points for the idle-connection pools (owned by the connection layer). ----
    private object? _connectionPool;

    /// <summary>
    /// Makes the HTTP/1.1 pool of idle connections when the first one is returned; null: none is kept. The pool is
    /// not made with the backend: most backends of a large state never carry traffic (bench/run.sh scenario s).
    /// </summary>
    public Func<Backend, object>? ConnectionPoolFactory { get; init; }

    /// <summary>The HTTP/1.1 pool of idle connections; null until a connection was first returned.</summary>
    public object? ConnectionPool => Volatile.Read(ref _connectionPool);

    /// <summary>The pool, made by <see cref="ConnectionPoolFactory"/> when there is none yet (one wins a race); null without a factory.</summary>
    public object? ConnectionPoolOrAdd() =>
        Volatile.Read(ref _connectionPool) ?? (ConnectionPoolFactory is { } create ? OrAdd(ref _connectionPool, create) : null);

    private object? _http2Pool;

    /// <summary>The h2c connections of an http2 cluster's backend (Http2/Client), made on first use; null until then.</summary>
    public object? Http2Pool => Volatile.Read(ref _http2Pool);

    /// <summary>The h2c pool, made by <paramref name="create"/> when there is none yet (one wins a race).</summary>
    public object Http2PoolOrAdd(Func<Backend, object> create) => OrAdd(ref _http2Pool, create);

    private Metrics.TrafficMetrics? _metrics;

    /// <summary>What the backend carried; made by the first record: most backends of a large state never carry traffic.</summary>
    public Metrics.TrafficMetrics Metrics => OrAdd(ref _metrics, static _ => new Metrics.TrafficMetrics());

    /// <summary>What the backend carried, or null when nothing was ever recorded: for readers, who must not make one.</summary>
    public Metrics.TrafficMetrics? RecordedMetrics => Volatile.Read(ref _metrics);

    /// <summary>Up or down as the cluster's health check sees it; always up in a cluster without one.</summary>
    public BackendHealth Health { get; } = new();

    public int IncrementConnections() => Interlocked.Increment(ref _activeConnections);

    public int DecrementConnections() => Interlocked.Decrement(ref _activeConnections);

    public int IncrementRequests() => Interlocked.Increment(ref _activeRequests);

    public int DecrementRequests() => Interlocked.Decrement(ref _activeRequests);

    /// <summary>Called when the backend leaves the configuration: it is never picked again.</summary>
    public void MarkRemoved() => _isRemoved = true;

    /// <summary>May be picked: up (see <see cref="IsUp"/>) and with a free slot.</summary>
    public bool IsAvailable(long nowMs) => IsUp(nowMs) && HasFreeSlot;

    /// <summary>
    /// Not removed, not down by its health check (unless its cluster fails open) and not inside a failure
    /// backoff window: able to serve, though maybe at its limit.
    /// A sticky session to a backend that is up but full waits for that backend's slot.
    /// </summary>
    public bool IsUp(long nowMs) => !_isRemoved && Health.AllowsTraffic && nowMs >= Volatile.Read(ref _downUntilMs);

    /// <summary>
    /// Takes one of the backend's slots; false when it is at its limit. An unlimited backend always
    /// succeeds without counting, so the default costs no shared write.
    /// </summary>
    public bool TryAcquireSlot()
    {
        var limit = MaxConnections;
        return limit == 0 || Queueing.SlotCounter.TryTake(ref _slotsHeld, limit);
    }

    /// <summary>Gives back a slot taken by <see cref="TryAcquireSlot"/>.</summary>
    public void ReleaseSlot()
    {
        if (MaxConnections != 0)
        {
            Interlocked.Decrement(ref _slotsHeld);
        }
    }

    /// <summary>The instant (in the caller's clock) until which the backend is considered down.</summary>
    public long DownUntilMs => Volatile.Read(ref _downUntilMs);

    /// <summary>
    /// Marks the backend down for a backoff that doubles with each failure streak step.
    /// Returns the end of the down window.
    /// </summary>
    public long RecordConnectFailure(long nowMs)
    {
        // The backend is its own lock (nothing else locks it): a lock object was 40 bytes a backend at 100,000
        // backends, and its slot 8 more (bench/run.sh scenario s).
        lock (this)
        {
            long downUntil = _downUntilMs;
            // Connects that were started together fail together: while already down,
            // further failures belong to the same streak step and must not escalate it.
            if (_consecutiveFailures > 0 && nowMs < downUntil)
            {
                return downUntil;
            }

            int failures = _consecutiveFailures + 1;
            long next = nowMs + BackoffFor(failures);
            Volatile.Write(ref _consecutiveFailures, failures);
            Volatile.Write(ref _downUntilMs, next);
            return next;
        }
    }

    public void RecordSuccess()
    {
        // Checked first so the common healthy path takes no lock.
        if (Volatile.Read(ref _consecutiveFailures) == 0)
        {
            return;
        }

        lock (this)
        {
            Volatile.Write(ref _consecutiveFailures, 0);
            Volatile.Write(ref _downUntilMs, long.MinValue);
        }
    }

    public override string ToString() => $"{ClusterId}/{Id} ({Address})";

    /// <summary>What <paramref name="slot"/> holds, or what <paramref name="create"/> makes when it holds nothing yet (one wins a race).</summary>
    private T OrAdd<T>(ref T? slot, Func<Backend, T> create)
        where T : class =>
        Volatile.Read(ref slot) ?? Interlocked.CompareExchange(ref slot, create(this), null) ?? slot!;

    private static long BackoffFor(int failures)
    {
        int shift = Math.Min(failures - 1, 16);
        return Math.Min(InitialBackoffMs << shift, MaxBackoffMs);
    }
}
