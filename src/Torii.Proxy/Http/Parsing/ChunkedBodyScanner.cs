using System.Buffers;

namespace Torii.Proxy.Http.Parsing;

/// <summary>
/// Follows a chunked body (RFC 9112 §7.1) as it streams past, telling the caller how many
/// bytes belong to it so they can be forwarded verbatim. It keeps only its position in the
/// grammar, so input may be split anywhere. Chunk data is skipped in bulk, never examined.
/// </summary>
public sealed class ChunkedBodyScanner(HttpLimits limits)
{
    private const int MaxSizeDigits = 16;

    private ChunkedScanPhase _phase;
    private long _size;
    private int _sizeDigits;
    private int _extensionLength;
    private int _trailerLength;

    public HttpParseError Error { get; private set; }

    public bool IsComplete => _phase == ChunkedScanPhase.Done;

    public void Reset()
    {
        _phase = ChunkedScanPhase.Size;
        _size = 0;
        _sizeDigits = 0;
        _extensionLength = 0;
        _trailerLength = 0;
        Error = HttpParseError.None;
    }

    /// <summary>
    /// Scans the next piece of the body, which starts right after what earlier calls counted.
    /// <paramref name="bodyBytes"/> is how many leading bytes of <paramref name="input"/> belong
    /// to the body: all of them for NeedMoreData, up to the end of the trailer section for
    /// Complete, and those before the offending byte for Error.
    /// </summary>
    public ChunkedScanResult Scan(in ReadOnlySequence<byte> input, out long bodyBytes)
    {
        bodyBytes = 0;
        foreach (var memory in input)
        {
            var result = Scan(memory.Span, out int consumed);
            bodyBytes += consumed;
            if (result != ChunkedScanResult.NeedMoreData)
            {
                return result;
            }
        }

        return Status();
    }

    public ChunkedScanResult Scan(ReadOnlySpan<byte> input, out int bodyBytes)
    {
        int position = 0;
        while (position < input.Length && _phase < ChunkedScanPhase.Done)
        {
            if (_phase == ChunkedScanPhase.Data)
            {
                int take = (int)Math.Min(_size, input.Length - position);
                position += take;
                _size -= take;
                if (_size == 0)
                {
                    _phase = ChunkedScanPhase.DataCarriageReturn;
                }

                continue;
            }

            var error = Step(input[position]);
            if (error != HttpParseError.None)
            {
                _phase = ChunkedScanPhase.Failed;
                Error = error;
                break;
            }

            position++;
        }

        bodyBytes = position;
        return Status();
    }

    private ChunkedScanResult Status() => _phase switch
    {
        ChunkedScanPhase.Done => ChunkedScanResult.Complete,
        ChunkedScanPhase.Failed => ChunkedScanResult.Error,
        _ => ChunkedScanResult.NeedMoreData,
    };

    private HttpParseError Step(byte value) => _phase switch
    {
        ChunkedScanPhase.Size => OnSize(value),
        ChunkedScanPhase.WhitespaceAfterSize => OnWhitespaceAfterSize(value),
        ChunkedScanPhase.Extension => OnExtension(value),
        ChunkedScanPhase.SizeLineFeed => OnSizeLineFeed(value),
        ChunkedScanPhase.DataCarriageReturn => Expect(value, (byte)'\r', ChunkedScanPhase.DataLineFeed, HttpParseError.MissingChunkDataTerminator),
        ChunkedScanPhase.DataLineFeed => Expect(value, (byte)'\n', ChunkedScanPhase.Size, HttpParseError.MissingChunkDataTerminator),
        _ => OnTrailer(value),
    };

    private HttpParseError OnSize(byte value)
    {
        int digit = HexValue(value);
        if (digit >= 0)
        {
            if (++_sizeDigits > MaxSizeDigits || _size > (long.MaxValue >> 4))
            {
                return HttpParseError.ChunkSizeTooLarge;
            }

            _size = (_size << 4) | (uint)digit;
            return HttpParseError.None;
        }

        if (_sizeDigits == 0)
        {
            return value == (byte)'\n' ? HttpParseError.BareLineFeed : HttpParseError.InvalidChunkSize;
        }

        return value switch
        {
            (byte)'\r' => MoveTo(ChunkedScanPhase.SizeLineFeed),
            (byte)';' => MoveTo(ChunkedScanPhase.Extension),
            (byte)' ' or (byte)'\t' => MoveTo(ChunkedScanPhase.WhitespaceAfterSize),
            (byte)'\n' => HttpParseError.BareLineFeed,
            _ => HttpParseError.InvalidChunkSize,
        };
    }

    // BWS is only allowed before a chunk extension (chunk-ext = *( BWS ";" ... )).
    private HttpParseError OnWhitespaceAfterSize(byte value) => value switch
    {
        (byte)' ' or (byte)'\t' => HttpParseError.None,
        (byte)';' => MoveTo(ChunkedScanPhase.Extension),
        _ => HttpParseError.InvalidChunkSize,
    };

    private HttpParseError OnExtension(byte value)
    {
        if (value == (byte)'\r')
        {
            return MoveTo(ChunkedScanPhase.SizeLineFeed);
        }

        if (value == (byte)'\n')
        {
            return HttpParseError.BareLineFeed;
        }

        if (HttpCharacters.InvalidFieldValue.Contains(value))
        {
            return HttpParseError.InvalidChunkExtension;
        }

        return ++_extensionLength > limits.MaxChunkExtensionSize ? HttpParseError.ChunkExtensionTooLarge : HttpParseError.None;
    }

    private HttpParseError OnSizeLineFeed(byte value)
    {
        if (value != (byte)'\n')
        {
            return HttpParseError.InvalidChunkSize;
        }

        _phase = _size == 0 ? ChunkedScanPhase.TrailerLineStart : ChunkedScanPhase.Data;
        _sizeDigits = 0;
        _extensionLength = 0;
        return HttpParseError.None;
    }

    private HttpParseError OnTrailer(byte value)
    {
        if (++_trailerLength > limits.MaxTrailerSize)
        {
            return HttpParseError.TrailerTooLarge;
        }

        if (value == (byte)'\n' && _phase != ChunkedScanPhase.TrailerLineFeed && _phase != ChunkedScanPhase.FinalLineFeed)
        {
            return HttpParseError.BareLineFeed;
        }

        return _phase switch
        {
            ChunkedScanPhase.TrailerLineStart => value == (byte)'\r' ? MoveTo(ChunkedScanPhase.FinalLineFeed)
                : HttpCharacters.Token.Contains(value) ? MoveTo(ChunkedScanPhase.TrailerName)
                : HttpParseError.InvalidTrailer,
            ChunkedScanPhase.TrailerName => value == (byte)':' ? MoveTo(ChunkedScanPhase.TrailerValue)
                : HttpCharacters.Token.Contains(value) ? HttpParseError.None
                : HttpParseError.InvalidTrailer,
            ChunkedScanPhase.TrailerValue => value == (byte)'\r' ? MoveTo(ChunkedScanPhase.TrailerLineFeed)
                : HttpCharacters.InvalidFieldValue.Contains(value) ? HttpParseError.InvalidTrailer
                : HttpParseError.None,
            ChunkedScanPhase.TrailerLineFeed => Expect(value, (byte)'\n', ChunkedScanPhase.TrailerLineStart, HttpParseError.InvalidTrailer),
            _ => Expect(value, (byte)'\n', ChunkedScanPhase.Done, HttpParseError.InvalidTrailer),
        };
    }

    private HttpParseError Expect(byte value, byte expected, ChunkedScanPhase next, HttpParseError otherwise)
    {
        if (value == expected)
        {
            return MoveTo(next);
        }

        return value == (byte)'\n' ? HttpParseError.BareLineFeed : otherwise;
    }

    private HttpParseError MoveTo(ChunkedScanPhase next)
    {
        _phase = next;
        return HttpParseError.None;
    }

    private static int HexValue(byte value) => value switch
    {
        >= (byte)'0' and <= (byte)'9' => value - '0',
        >= (byte)'a' and <= (byte)'f' => value - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => value - 'A' + 10,
        _ => -1,
    };
}
