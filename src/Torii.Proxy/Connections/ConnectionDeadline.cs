namespace Torii.Proxy.Connections;

/// <summary>
/// The one deadline a connection is under at a time. Arming is a plain write, cheap
/// enough for every read; a shared scanner cancels <see cref="Token"/> once the
/// deadline passes, which fails whatever the connection is awaiting.
/// </summary>
public sealed class ConnectionDeadline : IDisposable
{
    private readonly CancellationTokenSource _expired = new();
    private long _deadlineMs = long.MaxValue;
    private TimeoutKind _armedKind;

    public ConnectionDeadline() => DeadlineScanner.Register(this);

    public CancellationToken Token => _expired.Token;

    /// <summary>The kind that was armed when the deadline passed; None while it has not.</summary>
    public TimeoutKind ExpiredKind { get; private set; }

    public bool HasExpired => ExpiredKind != TimeoutKind.None;

    public TimeoutKind ArmedKind => _armedKind;

    public void Arm(TimeSpan timeout, TimeoutKind kind)
    {
        _armedKind = kind;
        Volatile.Write(ref _deadlineMs, Environment.TickCount64 + (long)timeout.TotalMilliseconds);
    }

    public void Disarm() => Volatile.Write(ref _deadlineMs, long.MaxValue);

    /// <summary>The client went away (its HTTP/2 stream was reset): fail what the connection awaits now, not as a timeout.</summary>
    public void Abandon()
    {
        try
        {
            _expired.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The connection already finished.
        }
    }

    public void Dispose()
    {
        DeadlineScanner.Unregister(this);
        _expired.Dispose();
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
        if (nowMs >= Volatile.Read(ref _deadlineMs))
        {
            Expire();
        }
    }

    private void Expire()
    {
        if (HasExpired)
        {
            return;
        }

        ExpiredKind = _armedKind;
        try
        {
            _expired.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The connection finished between the check and the cancel.
        }
    }
}
