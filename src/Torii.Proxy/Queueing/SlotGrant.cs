using Torii.Proxy.Backends;

namespace Torii.Proxy.Queueing;

/// <summary>The result of asking a cluster for a backend slot: the backend whose slot is now held, or why there is none.</summary>
public readonly record struct SlotGrant(Backend? Backend, SlotWaitOutcome Outcome)
{
    public static SlotGrant TimedOut { get; } = new(null, SlotWaitOutcome.TimedOut);

    public static SlotGrant NoBackend { get; } = new(null, SlotWaitOutcome.NoBackend);

    public static SlotGrant Abandoned { get; } = new(null, SlotWaitOutcome.Abandoned);

    public static SlotGrant To(Backend backend) => new(backend, SlotWaitOutcome.Granted);
}
