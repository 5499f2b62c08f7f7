using Torii.Proxy.Http;

namespace Torii.Proxy.Backends;

public static class BackendRetirement
{
    /// <summary>Takes a removed backend out of service: no new request picks it, idle connections close, busy ones finish.</summary>
    public static void Retire(this Backend backend)
    {
        backend.MarkRemoved();
        // A pool made on the data path at this moment either is seen below or sees the mark (BackendConnectionPool.Of).
        Interlocked.MemoryBarrier();
        (backend.ConnectionPool as BackendConnectionPool)?.Clear();
        (backend.Http2Pool as Http2.Client.H2BackendPool)?.Clear();
    }
}
