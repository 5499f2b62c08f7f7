using System.Buffers;
using System.Globalization;
using System.Text;

namespace Torii.Proxy.Http2.Translation;

/// <summary>
/// Takes a chunked body (RFC 9112 §7.1) apart as it streams in: chunk data comes out as it is, the
/// framing is dropped, and each trailer field line comes out on its own. HTTP/2 frames the body
/// itself, so nothing of the chunked framing travels further.
/// </summary>
public sealed class ChunkedDecoder
{
    private const int MaxLineLength = 8 * 1024;

    private long _remaining;
    private bool _afterData;
    private bool _inTrailers;

    public void Reset()
    {
        _remaining = 0;
        _afterData = false;
        _inTrailers = false;
    }

    /// <summary>
    /// The next piece of the body from the start of <paramref name="buffer"/>, which is advanced past it.
    /// <paramref name="piece"/> is the data or the trailer line (without CRLF).
    /// </summary>
    public ChunkedPieceKind Next(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> piece)
    {
        piece = default;
        while (true)
        {
            if (_remaining > 0)
            {
                if (buffer.IsEmpty)
                {
                    return ChunkedPieceKind.NeedMoreData;
                }

                piece = buffer.Slice(0, Math.Min(_remaining, buffer.Length));
                _remaining -= piece.Length;
                buffer = buffer.Slice(piece.End);
                _afterData = _remaining == 0;
                return ChunkedPieceKind.Data;
            }

            if (buffer.PositionOf((byte)'\n') is not { } lineFeed)
            {
                if (buffer.Length > MaxLineLength)
                {
                    throw new InvalidDataException("chunked framing line too long");
                }

                return ChunkedPieceKind.NeedMoreData;
            }

            var line = buffer.Slice(0, lineFeed);
            buffer = buffer.Slice(buffer.GetPosition(1, lineFeed));
            if (!line.IsEmpty && line.Slice(line.Length - 1).FirstSpan[0] == (byte)'\r')
            {
                line = line.Slice(0, line.Length - 1);
            }

            if (_afterData)
            {
                // The CRLF that closes a chunk's data.
                _afterData = false;
                if (!line.IsEmpty)
                {
                    throw new InvalidDataException("chunk data longer than its size");
                }

                continue;
            }

            if (_inTrailers)
            {
                if (line.IsEmpty)
                {
                    return ChunkedPieceKind.End;
                }

                piece = line;
                return ChunkedPieceKind.TrailerLine;
            }

            var text = Encoding.ASCII.GetString(line);
            var extension = text.IndexOf(';');
            if (!long.TryParse(extension >= 0 ? text[..extension].Trim() : text.Trim(), NumberStyles.AllowHexSpecifier, null, out var size) || size < 0)
            {
                throw new InvalidDataException("invalid chunk size");
            }

            _remaining = size;
            _inTrailers = size == 0;
        }
    }
}
