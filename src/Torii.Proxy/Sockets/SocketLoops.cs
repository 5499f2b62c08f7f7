namespace Torii.Proxy.Sockets;

/// <summary>The process's socket loops, one per CPU, started on first use; sockets are spread over them in turn.</summary>
internal static class SocketLoops
{
    private static readonly SocketLoop[] Loops = Start();
    private static uint _next;

    public static SocketLoop Next() => Loops[(int)(Interlocked.Increment(ref _next) % (uint)Loops.Length)];

    private static SocketLoop[] Start()
    {
        var loops = new SocketLoop[Math.Max(1, Environment.ProcessorCount)];
        for (var i = 0; i < loops.Length; i++)
        {
            loops[i] = new SocketLoop(i);
        }

        return loops;
    }
}
