namespace Torii.Proxy.Http.Parsing;

internal static class HttpVersionParser
{
    /// <summary>
    /// Parses HTTP-version = "HTTP/" DIGIT "." DIGIT. Any 1.x above 1.1 is read as 1.1, as
    /// RFC 9110 §2.5 asks; another major version is well formed but unsupported.
    /// </summary>
    public static HttpParseError Parse(ReadOnlySpan<byte> text, out HttpProtocolVersion version)
    {
        version = HttpProtocolVersion.Http11;
        if (text.Length != 8 || !text.StartsWith("HTTP/"u8) || !IsDigit(text[5]) || text[6] != (byte)'.' || !IsDigit(text[7]))
        {
            return HttpParseError.InvalidVersion;
        }

        if (text[5] != (byte)'1')
        {
            return HttpParseError.UnsupportedVersion;
        }

        version = text[7] == (byte)'0' ? HttpProtocolVersion.Http10 : HttpProtocolVersion.Http11;
        return HttpParseError.None;
    }

    private static bool IsDigit(byte value) => value is >= (byte)'0' and <= (byte)'9';
}
