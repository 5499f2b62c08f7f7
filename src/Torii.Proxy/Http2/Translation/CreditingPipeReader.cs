using System.Buffers;
using System.IO.Pipelines;

namespace Torii.Proxy.Http2.Translation;

/// <summary>
/// Reads a stream's request bytes and reports how many the request session has consumed, so the
/// stream's receive window is reopened only as fast as the body really moves on to the backend.
/// </summary>
public sealed class CreditingPipeReader(PipeReader inner, Action<int> consumed) : PipeReader
{
    private ReadOnlySequence<byte> _lastBuffer;

    public override void AdvanceTo(SequencePosition consumedPosition) => AdvanceTo(consumedPosition, consumedPosition);

    public override void AdvanceTo(SequencePosition consumedPosition, SequencePosition examined)
    {
        var count = _lastBuffer.Slice(_lastBuffer.Start, consumedPosition).Length;
        _lastBuffer = default;
        inner.AdvanceTo(consumedPosition, examined);
        if (count > 0)
        {
            consumed((int)count);
        }
    }

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        var result = await inner.ReadAsync(cancellationToken).ConfigureAwait(false);
        _lastBuffer = result.Buffer;
        return result;
    }

    public override bool TryRead(out ReadResult result)
    {
        var read = inner.TryRead(out result);
        _lastBuffer = read ? result.Buffer : default;
        return read;
    }
}
