namespace Torii.Pulsar.Tests;

/// <summary>Records a client's events and lets a test await a condition on them.</summary>
internal sealed class EventLog
{
    private readonly Lock _gate = new();
    private readonly List<PulsarClientEvent> _events = [];
    private readonly List<(Func<IReadOnlyList<PulsarClientEvent>, bool> Condition, TaskCompletionSource Done)> _waiting = [];

    public IReadOnlyList<PulsarClientEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public int Count(PulsarClientEventKind kind) => Events.Count(clientEvent => clientEvent.Kind == kind);

    public void Add(PulsarClientEvent clientEvent)
    {
        lock (_gate)
        {
            _events.Add(clientEvent);
            IReadOnlyList<PulsarClientEvent> snapshot = [.. _events];
            foreach ((Func<IReadOnlyList<PulsarClientEvent>, bool> condition, TaskCompletionSource done) in _waiting)
            {
                if (condition(snapshot))
                {
                    done.TrySetResult();
                }
            }
        }
    }

    public async Task WaitUntilAsync(Func<IReadOnlyList<PulsarClientEvent>, bool> condition, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiter = (condition, done);
        lock (_gate)
        {
            if (condition([.. _events]))
            {
                return;
            }

            _waiting.Add(waiter);
        }

        try
        {
            await done.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            lock (_gate)
            {
                _waiting.Remove(waiter);
            }
        }
    }

    public Task WaitForAsync(PulsarClientEventKind kind, int count, CancellationToken cancellationToken) =>
        WaitUntilAsync(events => events.Count(clientEvent => clientEvent.Kind == kind) >= count, cancellationToken);
}
