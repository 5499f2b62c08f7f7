using System.Buffers;

namespace Torii.Proxy.Http.Parsing;

/// <summary>Byte classes of RFC 9110/9112, as vectorizable search sets.</summary>
internal static class HttpCharacters
{
    private const string TokenSymbols = "!#$%&'*+-.^_`|~";

    /// <summary>tchar: the bytes allowed in field names, methods and codings.</summary>
    public static readonly SearchValues<byte> Token = SearchValues.Create(Collect(IsTokenChar));

    // Every registered method is upper case; a lower-case "get" is far more likely a broken
    // client or a smuggling probe than a real extension method, and backends disagree on it.
    public static readonly SearchValues<byte> MethodToken =
        SearchValues.Create(Collect(b => IsTokenChar(b) && b is not (>= (byte)'a' and <= (byte)'z')));

    /// <summary>Control bytes that may not appear in a field value or reason phrase (HTAB may).</summary>
    public static readonly SearchValues<byte> InvalidFieldValue =
        SearchValues.Create(Collect(b => (b < 0x20 && b != (byte)'\t') || b == 0x7F));

    /// <summary>Visible ASCII without '#': a fragment is never sent, so one in a target is an attack or a bug.</summary>
    public static readonly SearchValues<byte> RequestTarget =
        SearchValues.Create(Collect(b => b is >= 0x21 and <= 0x7E && b != (byte)'#'));

    /// <summary>uri-host [":" port]: unreserved, pct-encoded, sub-delims, ':' and IP-literal brackets.</summary>
    public static readonly SearchValues<byte> Host =
        SearchValues.Create(Collect(b => IsAlphaNumeric(b) || "-._~%!$&'()*+,;=:[]".Contains((char)b)));


    public static bool IsWhitespace(byte value) => value is (byte)' ' or (byte)'\t';

    public static ReadOnlySpan<byte> TrimWhitespace(ReadOnlySpan<byte> value)
    {
        int start = 0;
        while (start < value.Length && IsWhitespace(value[start]))
        {
            start++;
        }

        int end = value.Length;
        while (end > start && IsWhitespace(value[end - 1]))
        {
            end--;
        }

        return value[start..end];
    }

    public static bool IsToken(ReadOnlySpan<byte> value) =>
        !value.IsEmpty && !value.ContainsAnyExcept(Token);

    private static bool IsAlphaNumeric(byte value) =>
        value is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9');

    private static bool IsTokenChar(byte value) => IsAlphaNumeric(value) || TokenSymbols.Contains((char)value);

    private static byte[] Collect(Func<byte, bool> include)
    {
        var bytes = new List<byte>();
        for (int value = 0; value < 256; value++)
        {
            if (include((byte)value))
            {
                bytes.Add((byte)value);
            }
        }

        return [.. bytes];
    }
}
