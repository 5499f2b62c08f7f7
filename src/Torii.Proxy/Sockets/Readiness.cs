using System.Threading.Tasks.Sources;

namespace Torii.Proxy.Sockets;

/// <summary>
/// One direction (readable or writable) of a socket in a <see cref="SocketLoop"/>: the loop signals it on
/// each edge epoll reports, one operation at a time waits for it. A signal that finds nobody waiting is
/// kept, so an edge between an operation's EAGAIN and its wait is not lost; the operation then tries
/// once more, and waits again if the edge was for bytes it had already taken.
/// </summary>
internal sealed class Readiness : IValueTaskSource
{
    private const int NotReady = 0;
    private const int Ready = 1;
    private const int Waiting = 2;
    private const int Closed = 3;

    private ManualResetValueTaskSourceCore<bool> _core;
    private CancellationTokenRegistration _cancellation;
    private int _state;

    // The first edge after registration is reported by epoll itself, so a new socket starts as not ready.
    public Readiness() => _core.RunContinuationsAsynchronously = false;

    /// <summary>Forgets a kept edge: called before an operation that takes whatever is there.</summary>
    public void Clear() => Interlocked.CompareExchange(ref _state, NotReady, Ready);

    /// <summary>Completes at the next edge, at once when one was kept.</summary>
    public ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            switch (Volatile.Read(ref _state))
            {
                case Ready:
                    if (Interlocked.CompareExchange(ref _state, NotReady, Ready) == Ready)
                    {
                        return ValueTask.CompletedTask;
                    }

                    continue;
                case Closed:
                    return ValueTask.FromException(new ObjectDisposedException(nameof(LoopSocket)));
                case Waiting:
                    return ValueTask.FromException(new InvalidOperationException("A socket direction has one waiter at a time."));
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return ValueTask.FromCanceled(cancellationToken);
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

            return new ValueTask(this, _core.Version);
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

    private void Cancel(CancellationToken token)
    {
        if (Interlocked.CompareExchange(ref _state, NotReady, Waiting) == Waiting)
        {
            _core.SetException(new OperationCanceledException(token));
        }
    }

    void IValueTaskSource.GetResult(short token)
    {
        _cancellation.Dispose();
        _cancellation = default;
        _core.GetResult(token);
    }

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
