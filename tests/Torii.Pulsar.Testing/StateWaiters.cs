namespace Torii.Pulsar.Testing;

/// <summary>Conditions tests wait for, checked again after each change of the broker's state.</summary>
internal sealed class StateWaiters<TState>
{
    private readonly Lock _gate = new();
    private readonly List<(Func<TState, bool> Condition, TaskCompletionSource Done)> _waiting = [];

    public async Task WaitAsync(TState state, Func<TState, bool> condition, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiter = (condition, done);
        lock (_gate)
        {
            _waiting.Add(waiter);
        }

        // Checked after registering, so that a change between the check and the registration is not missed.
        if (condition(state))
        {
            done.TrySetResult();
        }

        try
        {
            await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _waiting.Remove(waiter);
            }
        }
    }

    public void Notify(TState state)
    {
        (Func<TState, bool> Condition, TaskCompletionSource Done)[] waiting;
        lock (_gate)
        {
            waiting = [.. _waiting];
        }

        foreach ((Func<TState, bool> condition, TaskCompletionSource done) in waiting)
        {
            if (!done.Task.IsCompleted && condition(state))
            {
                done.TrySetResult();
            }
        }
    }
}
