using System.Buffers;
using System.IO.Pipelines;

namespace Torii.Pulsar.Wire;

/// <summary>Reads whole frames from a pipe. Not safe for concurrent reads.</summary>
public sealed class PulsarFrameReader
{
    private readonly PipeReader _reader;
    private readonly int _maxFrameSize;

    public PulsarFrameReader(PipeReader reader, int maxFrameSize = FrameFormat.DefaultMaxFrameSize)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameSize, 2 * FrameFormat.SizeFieldLength);
        _reader = reader;
        _maxFrameSize = maxFrameSize;
    }

    /// <summary>The next frame, or null when the peer closed the connection between frames.</summary>
    /// <exception cref="PulsarProtocolException">An oversized or malformed frame, or the connection closed inside one.</exception>
    public async ValueTask<PulsarFrame?> ReadAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            ReadResult result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = result.Buffer;
            bool complete;
            PulsarFrame? frame;
            try
            {
                complete = FrameDecoder.TryReadFrame(ref buffer, _maxFrameSize, out frame);
            }
            catch
            {
                _reader.AdvanceTo(buffer.Start);
                throw;
            }

            if (complete)
            {
                _reader.AdvanceTo(buffer.Start);
                return frame;
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return buffer.IsEmpty
                    ? null
                    : throw new PulsarProtocolException($"connection closed in the middle of a frame ({buffer.Length} bytes received)");
            }

            if (result.IsCanceled)
            {
                throw new OperationCanceledException("the pending read was canceled");
            }
        }
    }
}
