using System.Net;

namespace Torii.Proxy.Health.Polling;

/// <summary>
/// One check on a connection of its own, as a state machine the <see cref="CheckPoller"/> steps: it opens
/// a non-blocking socket and starts the connect, then says which readiness it waits for and is advanced
/// when poll(2) reports it. Subclasses say what happens once connected and when data arrives. Runs on
/// one thread at a time (the starter, then the poller's), so it needs no lock.
/// </summary>
internal abstract class PolledCheck
{
    private bool _connecting;

    /// <summary>The raw descriptor; -1 once closed.</summary>
    public int Descriptor { get; private set; } = -1;

    /// <summary>What poll(2) must report before <see cref="Advance"/> can make progress.</summary>
    public short WaitingFor { get; protected set; }

    public CancellationToken Cancellation { get; private set; }

    public TaskCompletionSource<HealthProbeResult> Completion { get; } = new();

    /// <summary>Opens the socket and starts the connect; a result when the check ended already.</summary>
    public HealthProbeResult? Start(IPEndPoint address, CancellationToken cancellation)
    {
        Cancellation = cancellation;
        var descriptor = CheckSocketCalls.Open(address.AddressFamily);
        if (descriptor < 0)
        {
            return HealthProbeResult.Fail($"connect failed ({CheckSocketCalls.Describe(-descriptor)})");
        }

        Descriptor = descriptor;
        var error = CheckSocketCalls.StartConnect(descriptor, address);
        if (error == 0)
        {
            return OnConnected();
        }

        if (error != CheckSocketCalls.InProgress)
        {
            return HealthProbeResult.Fail($"connect failed ({CheckSocketCalls.Describe(error)})");
        }

        _connecting = true;
        WaitingFor = PollFd.Out;
        return null;
    }

    /// <summary>Called with what poll(2) reported; a result when the check ended.</summary>
    public HealthProbeResult? Advance(short events)
    {
        if (!_connecting)
        {
            return OnReady(events);
        }

        // Writable without an error or hang-up means connected; only a failure needs SO_ERROR's reason.
        if ((events & (PollFd.Error | PollFd.HangUp)) != 0)
        {
            var error = CheckSocketCalls.PendingError(Descriptor);
            return HealthProbeResult.Fail(error == 0 ? "connect failed (closed by the peer)" : $"connect failed ({CheckSocketCalls.Describe(error)})");
        }

        _connecting = false;
        return OnConnected();
    }

    /// <summary>Closes the descriptor (once) and lets the check give back what it holds.</summary>
    public void Close()
    {
        if (Descriptor >= 0)
        {
            CheckSocketCalls.Close(Descriptor);
            Descriptor = -1;
        }

        OnClosed();
    }

    protected virtual void OnClosed()
    {
    }

    /// <summary>The connection is open: a result, or set <see cref="WaitingFor"/> and return null.</summary>
    protected abstract HealthProbeResult? OnConnected();

    /// <summary>After the connect: poll(2) reported <paramref name="events"/>.</summary>
    protected abstract HealthProbeResult? OnReady(short events);
}
