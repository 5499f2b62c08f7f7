namespace Torii.Proxy.Command;

/// <summary>One queued entry: granted or cancelled, whichever claims it first.</summary>
internal sealed class CommandGateWaiter(bool inline) : TaskCompletionSource(inline ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously)
{
    private const int Waiting = 0;
    private const int Claimed = 1;
    private const int Cancelled = 2;

    private int _state;
    private CancellationTokenRegistration _registration;

    public bool Inline => inline;

    public bool TryClaim() => Interlocked.CompareExchange(ref _state, Claimed, Waiting) == Waiting;

    public void WatchCancellation(CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            return;
        }

        _registration = cancellationToken.UnsafeRegister(static (state, token) => ((CommandGateWaiter)state!).Cancel(token), this);
        // A full fence: either a grant that claimed us first is seen here, or that grant sees the registration
        // and disposes it; otherwise a registration could outlive its waiter on the server's long-lived token.
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _state) != Waiting)
        {
            _registration.Dispose();
        }
    }

    /// <summary>Runs the waiter's continuation on this thread when it was made inline.</summary>
    public void Grant()
    {
        _registration.Dispose();
        TrySetResult();
    }

    private void Cancel(CancellationToken token)
    {
        if (Interlocked.CompareExchange(ref _state, Cancelled, Waiting) == Waiting)
        {
            TrySetCanceled(token);
        }
    }
}
