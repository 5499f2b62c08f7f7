using System.Net;
using Torii.Proxy.Logging;

namespace Torii.Proxy.Health.Polling;

/// <summary>
/// Steps every running HTTP and TCP check from one thread, as HAProxy's checks share its poller: every
/// <see cref="TickMs"/> one poll(2) over the checks' descriptors, and each ready check is advanced. Checks
/// are batched: a thousand backends checked every second cost a hundred wake-ups a second, and no
/// socket-engine registration or thread hand-off each (bench/run.sh scenario h). The price is a check time
/// measured to the tick. A check whose cancellation (its timeout) fired is ended at the next tick.
/// </summary>
internal sealed class CheckPoller
{
    /// <summary>How often running checks are polled; also how late a timeout may be noticed.</summary>
    public const int TickMs = 10;

    /// <summary>The reason of a check its cancellation (the timeout) ended.</summary>
    public const string TimedOut = "timed out";

    private static readonly Lazy<CheckPoller> Instance = new(static () => new CheckPoller(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Lock _lock = new();
    private readonly ManualResetEventSlim _work = new(initialState: false, spinCount: 0);
    private readonly List<PolledCheck> _running = [];
    private List<PolledCheck> _arriving = [];
    private List<PolledCheck> _taken = [];
    private PollFd[] _descriptors = new PollFd[64];

    // Guarded by _lock: the poller sleeps until woken only when no check runs; otherwise it ticks, and a
    // new check waits for the next tick instead of waking it (one wake-up per tick, not per check).
    private bool _idle;

    private CheckPoller() => new Thread(Run) { IsBackground = true, Name = "torii check poller" }.Start();

    /// <summary>The one poller of the process, started by the first check.</summary>
    public static CheckPoller Shared => Instance.Value;

    /// <summary>Starts <paramref name="check"/> on the caller's thread (socket and connect) and completes when it ends.</summary>
    public ValueTask<HealthProbeResult> RunAsync(PolledCheck check, IPEndPoint address, CancellationToken cancellation)
    {
        if (check.Start(address, cancellation) is { } ended)
        {
            check.Close();
            return ValueTask.FromResult(ended);
        }

        bool wake;
        lock (_lock)
        {
            _arriving.Add(check);
            wake = _idle;
            _idle = false;
        }

        if (wake)
        {
            _work.Set();
        }

        return new ValueTask<HealthProbeResult>(check.Completion.Task);
    }

    private void Run()
    {
        while (true)
        {
            try
            {
                if (!TakeArrivals())
                {
                    _work.Wait();
                    continue;
                }

                PollOnce();
            }
            catch (Exception e)
            {
                Log.Error($"health check poller: {e}");
            }

            // The tick: checks arriving meanwhile and answers arriving meanwhile are all taken at once.
            Thread.Sleep(TickMs);
        }
    }

    /// <returns>Whether any check is running.</returns>
    private bool TakeArrivals()
    {
        lock (_lock)
        {
            _work.Reset();
            (_arriving, _taken) = (_taken, _arriving);
            _running.AddRange(_taken);
            _taken.Clear();
            _idle = _running.Count == 0;
            return !_idle;
        }
    }

    private void PollOnce()
    {
        var count = _running.Count;
        if (_descriptors.Length < count)
        {
            _descriptors = new PollFd[Math.Max(count, _descriptors.Length * 2)];
        }

        for (var i = 0; i < count; i++)
        {
            _descriptors[i] = new PollFd { Descriptor = _running[i].Descriptor, Events = _running[i].WaitingFor };
        }

        var ready = CheckSocketCalls.Poll(_descriptors, count, 0);
        var kept = 0;
        for (var i = 0; i < count; i++)
        {
            var check = _running[i];
            var events = ready > 0 ? _descriptors[i].ReturnedEvents : (short)0;
            HealthProbeResult? result = null;
            if (events != 0)
            {
                result = check.Advance(events);
            }
            else if (check.Cancellation.IsCancellationRequested)
            {
                result = HealthProbeResult.Fail(TimedOut);
            }

            if (result is { } ended)
            {
                check.Close();
                check.Completion.TrySetResult(ended);
            }
            else
            {
                _running[kept++] = check;
            }
        }

        _running.RemoveRange(kept, count - kept);
    }
}
