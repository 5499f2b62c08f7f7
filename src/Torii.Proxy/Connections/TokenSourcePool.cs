namespace Torii.Proxy.Connections;

/// <summary>
/// Cancellation sources that no connection holds, per thread: a keep-alive session gives its source
/// back between requests and takes one for the next, so a request makes none (a source keeps its callback
/// slot once used, about 190 bytes in all).
/// </summary>
internal static class TokenSourcePool
{
    // About the connections a socket loop has mid-request at once; beyond it a source is left to the GC.
    private const int Capacity = 256;

    [ThreadStatic]
    private static Stack<CancellationTokenSource>? t_sources;

    public static CancellationTokenSource Rent() => t_sources is { Count: > 0 } sources ? sources.Pop() : new CancellationTokenSource();

    /// <summary>Keeps a source nothing awaits with any more; one that was cancelled cannot be reused and is dropped.</summary>
    public static void Return(CancellationTokenSource source)
    {
        var sources = t_sources ??= new Stack<CancellationTokenSource>();
        if (sources.Count < Capacity && source.TryReset())
        {
            sources.Push(source);
        }
    }
}
