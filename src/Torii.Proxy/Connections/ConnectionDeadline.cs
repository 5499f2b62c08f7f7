using Torii.Proxy.Sockets;

namespace Torii.Proxy.Connections;

/// <summary>
/// The one deadline a connection is under at a time. Arming is a plain write, cheap
/// enough for every read; a shared scanner cancels <see cref="Token"/> once the
/// deadline passes, which fails whatever the connection is awaiting.
/// </summary>
/// <remarks>
/// An idle keep-alive connection holds no cancellation source: its session gives the source back
/// (<see cref="ReleaseToken"/>) and parks on its socket (<see cref="Park"/>), which the deadline
/// fails directly. A source and its callback slot are 190 bytes, an eighth of what an idle
/// connection costs (bench/run.sh scenario e). Whoever swaps the source out of <see cref="_source"/>
/// owns it: the scanner to cancel it, the session to reuse it, never both.
/// </remarks>
public sealed class ConnectionDeadline : IDisposable
{
    // Put in place of the source once the deadline expired or the connection was abandoned: every later
    // Token is cancelled.
    private static readonly CancellationTokenSource Cancelled = CancelledSource();

    private CancellationTokenSource? _source;
    private Readiness? _parkedOn;
    private long _deadlineMs = long.MaxValue;
    private TimeoutKind _armedKind;
    private int _expiredKind;

    public ConnectionDeadline() => DeadlineScanner.Register(this);

    /// <summary>Cancelled when the deadline passes; made (or taken from a pool) on first use after a release.</summary>
    public CancellationToken Token => (Volatile.Read(ref _source) ?? TakeSource()).Token;

    /// <summary>The kind that was armed when the deadline passed; None while it has not.</summary>
    public TimeoutKind ExpiredKind => (TimeoutKind)Volatile.Read(ref _expiredKind);

    public bool HasExpired => ExpiredKind != TimeoutKind.None;

    public TimeoutKind ArmedKind => _armedKind;

    /// <summary>The scanner's slot for this deadline.</summary>
    internal int Slot { get; set; } = -1;

    public void Arm(TimeSpan timeout, TimeoutKind kind)
    {
        _armedKind = kind;
        Volatile.Write(ref _deadlineMs, Environment.TickCount64 + (long)timeout.TotalMilliseconds);
    }

    public void Disarm() => Volatile.Write(ref _deadlineMs, long.MaxValue);

    /// <summary>The client went away (its HTTP/2 stream was reset): fail what the connection awaits now, not as a timeout.</summary>
    public void Abandon() => CancelAll();

    /// <summary>
    /// Gives the token's source back while nothing awaits with it (between two requests): the next
    /// <see cref="Token"/> takes another. Only the connection's own session calls this.
    /// </summary>
    public void ReleaseToken()
    {
        var source = Interlocked.Exchange(ref _source, null);
        if (ReferenceEquals(source, Cancelled))
        {
            // Expired meanwhile: later tokens stay cancelled.
            Interlocked.CompareExchange(ref _source, Cancelled, null);
        }
        else if (source is not null)
        {
            TokenSourcePool.Return(source);
        }
    }

    /// <summary>
    /// The connection waits on <paramref name="readiness"/> without a token: expiry fails that wait.
    /// Called after the wait began, so an expiry (or abandonment) just before it is seen here.
    /// </summary>
    internal void Park(Readiness readiness)
    {
        Volatile.Write(ref _parkedOn, readiness);
        Interlocked.MemoryBarrier();
        if (ReferenceEquals(Volatile.Read(ref _source), Cancelled))
        {
            readiness.Abort();
        }
    }

    internal void Unpark() => Volatile.Write(ref _parkedOn, null);

    public void Dispose()
    {
        DeadlineScanner.Unregister(this);
        var source = Interlocked.Exchange(ref _source, Cancelled);
        if (source is not null && !ReferenceEquals(source, Cancelled))
        {
            // Operations still registered on it (a session that ended mid-request) keep it from the pool.
            source.Dispose();
        }
    }

    internal void ShortenIfIdle(long latestMs)
    {
        var current = Volatile.Read(ref _deadlineMs);
        if (_armedKind == TimeoutKind.Idle && current != long.MaxValue && current > latestMs)
        {
            Volatile.Write(ref _deadlineMs, latestMs);
        }
    }

    internal void Check(long nowMs)
    {
        if (nowMs >= Volatile.Read(ref _deadlineMs) && Interlocked.CompareExchange(ref _expiredKind, (int)_armedKind, (int)TimeoutKind.None) == (int)TimeoutKind.None)
        {
            CancelAll();
        }
    }

    /// <summary>Fails the parked wait, if any, and cancels the current source; later tokens are cancelled too.</summary>
    private void CancelAll()
    {
        // Full fences on both sides (here the exchange, in Park the barrier): a wait parked concurrently
        // is either seen here or sees the expiry itself.
        var source = Interlocked.Exchange(ref _source, Cancelled);
        Volatile.Read(ref _parkedOn)?.Abort();
        if (source is null || ReferenceEquals(source, Cancelled))
        {
            return;
        }

        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The connection finished between the check and the cancel.
        }
    }

    private CancellationTokenSource TakeSource()
    {
        var taken = TokenSourcePool.Rent();
        var existing = Interlocked.CompareExchange(ref _source, taken, null);
        if (existing is null)
        {
            return taken;
        }

        TokenSourcePool.Return(taken);
        return existing;
    }

    private static CancellationTokenSource CancelledSource()
    {
        var source = new CancellationTokenSource();
        source.Cancel();
        return source;
    }
}
