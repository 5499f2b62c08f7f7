using System.Collections.Concurrent;
using System.IO.Pipelines;
using Torii.Protocol;

namespace Torii.Client.Tests;

/// <summary>
/// A connection's stream that records every write and holds the first one until released, so a test
/// can queue requests while a write is in flight. What the test answers is what the connection reads.
/// </summary>
internal sealed class GatedDuplexStream : Stream
{
    private readonly Pipe _incoming = new();
    private readonly Stream _incomingReader;
    private readonly TaskCompletionSource _releaseFirstWrite = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstWriteStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _secondWriteDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GatedDuplexStream()
    {
        _incomingReader = _incoming.Reader.AsStream();
    }

    /// <summary>The bytes of each write, in order.</summary>
    public ConcurrentQueue<byte[]> Writes { get; } = new();

    public Task FirstWriteStarted => _firstWriteStarted.Task;

    public Task SecondWriteDone => _secondWriteDone.Task;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public void ReleaseFirstWrite() => _releaseFirstWrite.TrySetResult();

    public async Task AnswerAsync(Response response) => await _incoming.Writer.WriteAsync(FrameEncoder.ToArray(response));

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Writes.Enqueue(buffer.ToArray());
        if (Writes.Count == 1)
        {
            _firstWriteStarted.TrySetResult();
            await _releaseFirstWrite.Task.WaitAsync(cancellationToken);
        }
        else if (Writes.Count == 2)
        {
            _secondWriteDone.TrySetResult();
        }
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _incomingReader.ReadAsync(buffer, cancellationToken);

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _releaseFirstWrite.TrySetResult();
            _incoming.Writer.Complete();
        }

        base.Dispose(disposing);
    }
}
