namespace Torii.Proxy.Http.Parsing;

/// <summary>status-line = HTTP-version SP status-code SP [ reason-phrase ] (RFC 9112 §4).</summary>
internal static class StatusLineParser
{
    private const int CodeStart = 9;
    private const int CodeEnd = 12;

    public static HttpParseError Parse(ReadOnlySpan<byte> line, ResponseHead head)
    {
        if (line.Length < CodeEnd || line[CodeStart - 1] != (byte)' ')
        {
            return HttpParseError.InvalidStatusLine;
        }

        var error = HttpVersionParser.Parse(line[..(CodeStart - 1)], out var version);
        if (error != HttpParseError.None)
        {
            return error == HttpParseError.InvalidVersion ? HttpParseError.InvalidStatusLine : error;
        }

        int code = 0;
        foreach (byte digit in line[CodeStart..CodeEnd])
        {
            uint number = (uint)(digit - '0');
            if (number > 9)
            {
                return HttpParseError.InvalidStatusLine;
            }

            code = (code * 10) + (int)number;
        }

        // Some servers omit the SP before an empty reason; that is unambiguous, so it is accepted.
        bool reasonWellFormed = line.Length == CodeEnd
            || (line[CodeEnd] == (byte)' ' && !line[(CodeEnd + 1)..].ContainsAny(HttpCharacters.InvalidFieldValue));
        if (code is < 100 or > 599 || !reasonWellFormed)
        {
            return HttpParseError.InvalidStatusLine;
        }

        head.Version = version;
        head.StatusCode = code;
        head.SetStatusLineLength(line.Length);
        return HttpParseError.None;
    }
}
