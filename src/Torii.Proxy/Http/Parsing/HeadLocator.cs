using System.Buffers;

namespace Torii.Proxy.Http.Parsing;

/// <summary>
/// Finds where a head ends (the first empty line) in a possibly multi-segment buffer,
/// enforcing the size and header-count limits before the whole head has arrived.
/// </summary>
internal static class HeadLocator
{
    private enum LineOutcome
    {
        Continue,
        EndOfHead,
        Failed,
    }

    /// <summary>
    /// On <see cref="ParseStatus.Complete"/>, the head is [headStart, headEnd): leading empty
    /// lines are skipped (RFC 9112 §2.2) and headEnd is just past the final empty line.
    /// </summary>
    public static ParseStatus Locate(
        in ReadOnlySequence<byte> buffer,
        ref HeadScanState state,
        HttpLimits limits,
        out long headStart,
        out long headEnd,
        out HttpParseError error)
    {
        headStart = 0;
        headEnd = 0;
        error = HttpParseError.None;

        long scanLimit = Math.Min(buffer.Length, limits.MaxHeadSize);
        if (state.Examined < scanLimit)
        {
            foreach (var memory in buffer.Slice(state.Examined, scanLimit - state.Examined))
            {
                var span = memory.Span;
                int searchFrom = 0;
                int found;
                while ((found = span[searchFrom..].IndexOf((byte)'\n')) >= 0)
                {
                    int index = searchFrom + found;
                    long lineFeed = state.Examined + index;
                    byte before = index > 0 ? span[index - 1] : state.LastByte;
                    switch (OnLineFeed(ref state, lineFeed, before, limits, out error))
                    {
                        case LineOutcome.EndOfHead:
                            headStart = state.HeadStart;
                            headEnd = lineFeed + 1;
                            state = default;
                            return ParseStatus.Complete;
                        case LineOutcome.Failed:
                            state = default;
                            return ParseStatus.Error;
                    }

                    searchFrom = index + 1;
                }

                if (!span.IsEmpty)
                {
                    state.LastByte = span[^1];
                }

                state.Examined += span.Length;
            }
        }

        if (buffer.Length >= limits.MaxHeadSize)
        {
            state = default;
            error = HttpParseError.HeadTooLarge;
            return ParseStatus.Error;
        }

        return ParseStatus.NeedMoreData;
    }

    private static LineOutcome OnLineFeed(
        ref HeadScanState state, long lineFeed, byte before, HttpLimits limits, out HttpParseError error)
    {
        error = HttpParseError.None;

        // RFC 9112 §2.2 lets a recipient accept a bare LF as a line end. We reject it: when
        // the proxy and a backend split lines differently, one request can be read as two.
        if (lineFeed == state.LineStart || before != (byte)'\r')
        {
            error = HttpParseError.BareLineFeed;
            return LineOutcome.Failed;
        }

        bool emptyLine = lineFeed - 1 == state.LineStart;
        if (emptyLine && state.SeenStartLine)
        {
            return LineOutcome.EndOfHead;
        }

        if (emptyLine)
        {
            state.HeadStart = lineFeed + 1;
        }
        else if (!state.SeenStartLine)
        {
            state.SeenStartLine = true;
        }
        else if (++state.HeaderLines > limits.MaxHeaderCount)
        {
            error = HttpParseError.TooManyHeaders;
            return LineOutcome.Failed;
        }

        state.LineStart = lineFeed + 1;
        return LineOutcome.Continue;
    }
}
