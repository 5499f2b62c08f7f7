using System.IO.Pipelines;
using Torii.Proxy.Backends;
using Torii.Proxy.Sockets;

namespace Torii.Proxy.Http;

/// <summary>A keep-alive connection to one backend, owned by one request at a time.</summary>
public sealed class BackendConnection : IDisposable
{
    // A zero-byte read first, as on client connections: the wait for the response (LoopStream's edge, no
    // system call) holds no buffer. Reading at once held a 16 KiB buffer per request in flight, and with
    // hundreds in flight (HTTP/2 streams) the shared pool ran dry and every response allocated its own.
    private static readonly StreamPipeReaderOptions ReaderOptions = new(bufferSize: 16 * 1024, minimumReadSize: 4 * 1024, leaveOpen: true, useZeroByteReads: true);

    public BackendConnection(Backend backend, LoopSocket socket)
    {
        Backend = backend;
        Stream = new LoopStream(socket, readAtOnce: false);
        Reader = PipeReader.Create(Stream, ReaderOptions);
        backend.IncrementConnections();
    }

    public Backend Backend { get; }

    public LoopStream Stream { get; }

    /// <summary>Whether the calling thread is this connection's socket loop (see <see cref="BackendConnectionPool.TryTake"/>).</summary>
    public bool IsOnCurrentLoop => Stream.LoopSocket.IsOnCurrentLoop;

    public PipeReader Reader { get; }

    /// <summary>How many requests this connection has carried; above zero it came from the idle pool.</summary>
    public int RequestCount { get; set; }

    public long IdleSinceMs { get; set; }

    /// <summary>Once back in the pool the connection belongs to the pool, not to the request that used it.</summary>
    public bool IsIdleInPool { get; set; }

    /// <summary>
    /// Whether the response just relayed was the last thing the backend sent: bytes already
    /// buffered past its end belong to no request, and a connection carrying them would hand
    /// them to the next client as its answer.
    /// </summary>
    public bool EndedAtMessageBoundary()
    {
        if (!Reader.TryRead(out var result))
        {
            return true;
        }

        var clean = result.Buffer.IsEmpty && !result.IsCompleted && !result.IsCanceled;
        Reader.AdvanceTo(result.Buffer.Start);
        return clean;
    }

    /// <summary>
    /// An idle connection is healthy when the backend has not closed it and sent
    /// nothing unasked: a readable idle socket means either, and both make it unusable.
    /// </summary>
    public bool LooksHealthy() => Stream.LooksIdle();

    private int _disposed;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Reader.Complete();
        Stream.Dispose();
        Backend.DecrementConnections();
    }
}
