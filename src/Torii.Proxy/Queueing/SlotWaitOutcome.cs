namespace Torii.Proxy.Queueing;

/// <summary>How a request or connection left the wait for a backend slot.</summary>
public enum SlotWaitOutcome
{
    /// <summary>A backend slot is held; the caller must give it back.</summary>
    Granted,

    /// <summary>No backend of the cluster can serve: none is up (or the cluster is gone).</summary>
    NoBackend,

    /// <summary>Every usable backend stayed at its limit for the whole queue_timeout.</summary>
    TimedOut,

    /// <summary>The client went away while it waited.</summary>
    Abandoned,
}
