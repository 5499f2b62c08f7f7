namespace Torii.Proxy.Http.Parsing;

/// <summary>Parses the field lines of a located head (RFC 9112 §5) into header entries.</summary>
internal static class HeaderSectionParser
{
    /// <param name="offset">Start of the first field line; the head's lines are known to end in CRLF.</param>
    public static HttpParseError Parse(HttpHead head, int offset)
    {
        var bytes = head.RawHead;
        while (true)
        {
            int lineEnd = offset + bytes[offset..].IndexOf((byte)'\n') - 1;
            if (lineEnd == offset)
            {
                return HttpParseError.None;
            }

            var error = ParseLine(bytes[offset..lineEnd], offset, out var header);
            if (error != HttpParseError.None)
            {
                return error;
            }

            head.AddHeader(header);
            offset = lineEnd + 2;
        }
    }

    private static HttpParseError ParseLine(ReadOnlySpan<byte> line, int lineStart, out HeaderEntry header)
    {
        header = default;
        if (HttpCharacters.IsWhitespace(line[0]))
        {
            return HttpParseError.ObsoleteLineFolding;
        }

        int colon = line.IndexOf((byte)':');
        var name = colon < 0 ? line : line[..colon];
        int invalid = name.IndexOfAnyExcept(HttpCharacters.Token);
        if (invalid >= 0)
        {
            bool onlyWhitespaceFollows = HttpCharacters.TrimWhitespace(name[invalid..]).IsEmpty;
            return colon > 0 && onlyWhitespaceFollows ? HttpParseError.WhitespaceBeforeColon : HttpParseError.InvalidHeaderName;
        }

        if (colon <= 0)
        {
            return HttpParseError.InvalidHeaderName;
        }

        var rawValue = line[(colon + 1)..];
        if (rawValue.ContainsAny(HttpCharacters.InvalidFieldValue))
        {
            return HttpParseError.InvalidHeaderValue;
        }

        int leading = rawValue.IndexOfAnyExcept((byte)' ', (byte)'\t');
        int valueStart = lineStart + colon + 1 + (leading < 0 ? rawValue.Length : leading);
        int valueLength = leading < 0 ? 0 : rawValue.LastIndexOfAnyExcept((byte)' ', (byte)'\t') + 1 - leading;
        header = new HeaderEntry(lineStart, line.Length, colon, valueStart, valueLength, KnownHeaders.Classify(name));
        return HttpParseError.None;
    }
}
