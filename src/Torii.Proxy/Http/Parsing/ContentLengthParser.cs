namespace Torii.Proxy.Http.Parsing;

/// <summary>Content-Length = 1*DIGIT (RFC 9110 §8.6), possibly repeated.</summary>
internal static class ContentLengthParser
{
    /// <summary>
    /// Folds one Content-Length field into <paramref name="contentLength"/> (-1 before the first).
    /// Identical values, in one field ("5, 5") or several, count as one; any difference is an error.
    /// </summary>
    public static HttpParseError Accumulate(ReadOnlySpan<byte> value, ref long contentLength)
    {
        var elements = new ListElements(value);
        bool any = false;
        while (elements.TryNext(out var element))
        {
            if (!TryParseDecimal(element, out long length))
            {
                return HttpParseError.InvalidContentLength;
            }

            if (contentLength >= 0 && contentLength != length)
            {
                return HttpParseError.ConflictingContentLength;
            }

            contentLength = length;
            any = true;
        }

        return any ? HttpParseError.None : HttpParseError.InvalidContentLength;
    }

    private static bool TryParseDecimal(ReadOnlySpan<byte> digits, out long value)
    {
        value = 0;
        if (digits.IsEmpty)
        {
            return false;
        }

        foreach (byte digit in digits)
        {
            uint number = (uint)(digit - '0');
            if (number > 9 || value > (long.MaxValue - number) / 10)
            {
                return false;
            }

            value = (value * 10) + number;
        }

        return true;
    }
}
