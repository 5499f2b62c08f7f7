namespace Torii.Proxy.Sockets;

/// <summary>
/// The process's socket loops, started on first use (one per CPU unless configured otherwise); sockets are
/// spread over them in turn.
/// </summary>
internal static class SocketLoops
{
    private static readonly Lock StartLock = new();
    private static int _configuredCount;
    private static SocketLoop[]? _loops;
    private static uint _next;
    private static readonly Lazy<SocketLoop> CommandLoop = new(() => new SocketLoop("torii-command"));

    /// <summary>The number of loops the process runs or will run.</summary>
    public static int Count => _loops?.Length ?? LoopCount();

    /// <summary>
    /// Sets how many loops to start; 0 means one per CPU. Loops cannot be added or taken away once running, so a
    /// count given after the first socket joined a loop is ignored.
    /// </summary>
    /// <returns>False when the loops were already running.</returns>
    public static bool Configure(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (StartLock)
        {
            if (_loops is not null)
            {
                return false;
            }

            _configuredCount = count;
            return true;
        }
    }

    /// <summary>
    /// The command channel's own loop: a command is read, applied and answered on it, never queued behind
    /// the events of client connections, and a long one (a state save) never holds up their traffic.
    /// </summary>
    public static SocketLoop Command => CommandLoop.Value;

    public static SocketLoop Next()
    {
        var loops = Volatile.Read(ref _loops) ?? Start();
        return loops[(int)(Interlocked.Increment(ref _next) % (uint)loops.Length)];
    }

    private static int LoopCount() => _configuredCount > 0 ? _configuredCount : Math.Max(1, Environment.ProcessorCount);

    private static SocketLoop[] Start()
    {
        lock (StartLock)
        {
            if (_loops is { } started)
            {
                return started;
            }

            var loops = new SocketLoop[LoopCount()];
            for (var i = 0; i < loops.Length; i++)
            {
                loops[i] = new SocketLoop(i);
            }

            Volatile.Write(ref _loops, loops);
            return loops;
        }
    }
}
