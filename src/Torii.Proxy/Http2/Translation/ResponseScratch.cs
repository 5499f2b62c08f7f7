using System.Buffers;
using System.Collections.Concurrent;
using Torii.Proxy.Http.Parsing;

namespace Torii.Proxy.Http2.Translation;

/// <summary>
/// What translating one response needs (the parsed head, the header block being encoded), taken
/// from a process-wide pool for each stream and given back after, instead of allocated per stream.
/// The pool is bounded; a head that grew large for an unusual response is not kept.
/// </summary>
public sealed class ResponseScratch : IDisposable
{
    private const int PoolLimit = 256;
    private const int KeptBlockCapacity = 4096;

    private static readonly ConcurrentQueue<ResponseScratch> Pool = new();
    private static int _pooled;

    public ResponseHead Head { get; } = new();

    public ArrayBufferWriter<byte> Block { get; private set; } = new(512);

    public static ResponseScratch Rent()
    {
        if (Pool.TryDequeue(out var scratch))
        {
            Interlocked.Decrement(ref _pooled);
            return scratch;
        }

        return new ResponseScratch();
    }

    /// <summary>Gives the scratch back to the pool, or releases its buffers when the pool is full.</summary>
    public void Dispose()
    {
        Head.Reset();
        Block.ResetWrittenCount();
        if (Block.Capacity > KeptBlockCapacity)
        {
            Block = new ArrayBufferWriter<byte>(512);
        }

        if (Interlocked.Increment(ref _pooled) <= PoolLimit)
        {
            Pool.Enqueue(this);
            return;
        }

        Interlocked.Decrement(ref _pooled);
        Head.Dispose();
    }
}
