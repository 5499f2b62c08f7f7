using System.Threading.Tasks.Sources;

namespace Torii.Proxy.Sockets;

/// <summary>
/// One direction (readable or writable) of a socket in a <see cref="SocketLoop"/>: the loop signals it on
/// each edge epoll reports, one operation at a time waits for it. A signal that finds nobody waiting is
/// kept, so an edge between an operation's EAGAIN and its wait is not lost; the operation then tries
/// once more, and waits again if the edge was for bytes it had already taken. A wait is this object
/// itself (no allocation), as a <see cref="ValueTask"/> or, for a zero-byte read, a <see cref="ValueTask{Int32}"/> of 0.
/// </summary>
internal sealed class Readiness : IValueTaskSource, IValueTaskSource<int>
{
    private const int NotReady = 0;
    private const int Ready = 1;
    private const int Waiting = 2;
    private const int Closed = 3;

    private ManualResetValueTaskSourceCore<bool> _core;
    private CancellationTokenRegistration _cancellation;
    private int _state;

    /// <param name="ready">
    /// Whether an edge may already have been missed: a direction made before its socket joins the loop
    /// starts not ready (epoll reports the first edge at registration); one made later starts ready.
    /// </param>
    public Readiness(bool ready = false)
    {
        _core.RunContinuationsAsynchronously = false;
        _state = ready ? Ready : NotReady;
    }

    /// <summary>Forgets a kept edge: called before an operation that takes whatever is there.</summary>
    public void Clear() => Interlocked.CompareExchange(ref _state, NotReady, Ready);

    /// <summary>Completes at the next edge, at once when one was kept.</summary>
    public ValueTask WaitAsync(CancellationToken cancellationToken) => Begin(cancellationToken) switch
    {
        Start.Pending => new ValueTask(this, _core.Version),
        Start.Kept => ValueTask.CompletedTask,
        Start.Cancelled => ValueTask.FromCanceled(cancellationToken),
        var refused => ValueTask.FromException(Refusal(refused)),
    };

    /// <summary>As <see cref="WaitAsync"/>, completing with 0: the result of a zero-byte read.</summary>
    public ValueTask<int> WaitZeroAsync(CancellationToken cancellationToken) => Begin(cancellationToken) switch
    {
        Start.Pending => new ValueTask<int>(this, _core.Version),
        Start.Kept => ValueTask.FromResult(0),
        Start.Cancelled => ValueTask.FromCanceled<int>(cancellationToken),
        var refused => ValueTask.FromException<int>(Refusal(refused)),
    };

    private static Exception Refusal(Start start) => start == Start.Closed
        ? new ObjectDisposedException(nameof(LoopSocket))
        : new InvalidOperationException("A socket direction has one waiter at a time.");

    /// <summary>Starts a wait, or says why it needs none (an edge was kept) or cannot be.</summary>
    private Start Begin(CancellationToken cancellationToken)
    {
        while (true)
        {
            switch (Volatile.Read(ref _state))
            {
                case Ready:
                    if (Interlocked.CompareExchange(ref _state, NotReady, Ready) == Ready)
                    {
                        return Start.Kept;
                    }

                    continue;
                case Closed:
                    return Start.Closed;
                case Waiting:
                    return Start.Busy;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return Start.Cancelled;
            }

            _core.Reset();

            // Registered before the wait is visible, so the completion that disposes it always finds it.
            _cancellation = cancellationToken.CanBeCanceled
                ? cancellationToken.UnsafeRegister(static (state, token) => ((Readiness)state!).Cancel(token), this)
                : default;
            if (Interlocked.CompareExchange(ref _state, Waiting, NotReady) != NotReady)
            {
                _cancellation.Dispose();
                continue;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                Cancel(cancellationToken);
            }

            return Start.Pending;
        }
    }

    /// <summary>An edge: wakes the waiter, or is kept for the next one.</summary>
    public void Signal()
    {
        while (true)
        {
            switch (Volatile.Read(ref _state))
            {
                case Waiting:
                    if (Interlocked.CompareExchange(ref _state, NotReady, Waiting) == Waiting)
                    {
                        _core.SetResult(true);
                        return;
                    }

                    continue;
                case NotReady:
                    if (Interlocked.CompareExchange(ref _state, Ready, NotReady) == NotReady)
                    {
                        return;
                    }

                    continue;
                default:
                    return;
            }
        }
    }

    /// <summary>The socket is closing: a waiter fails, later waits fail at once.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _state, Closed) == Waiting)
        {
            _core.SetException(new ObjectDisposedException(nameof(LoopSocket)));
        }
    }

    /// <summary>Fails a waiter as cancelled, without a token: a parked connection whose deadline passed.</summary>
    public void Abort()
    {
        if (Interlocked.CompareExchange(ref _state, NotReady, Waiting) == Waiting)
        {
            _core.SetException(new OperationCanceledException());
        }
    }

    private void Cancel(CancellationToken token)
    {
        if (Interlocked.CompareExchange(ref _state, NotReady, Waiting) == Waiting)
        {
            _core.SetException(new OperationCanceledException(token));
        }
    }

    void IValueTaskSource.GetResult(short token) => GetResult(token);

    int IValueTaskSource<int>.GetResult(short token)
    {
        GetResult(token);
        return 0;
    }

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    private void GetResult(short token)
    {
        _cancellation.Dispose();
        _cancellation = default;
        _core.GetResult(token);
    }

    private enum Start
    {
        Pending,
        Kept,
        Cancelled,
        Closed,
        Busy,
    }
}
