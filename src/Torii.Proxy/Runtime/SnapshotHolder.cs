namespace Torii.Proxy.Runtime;

/// <summary>The current routing snapshot: one writer publishes, any thread reads without locks.</summary>
public sealed class SnapshotHolder
{
    private RoutingSnapshot _current = RoutingSnapshot.Empty;

    public RoutingSnapshot Current => Volatile.Read(ref _current);

    /// <summary>Raised on the publishing thread after each publication; a handler must not block.</summary>
    public event Action? Published;

    public void Publish(RoutingSnapshot snapshot)
    {
        Volatile.Write(ref _current, snapshot);
        Published?.Invoke();
    }
}
