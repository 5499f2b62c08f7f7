namespace Torii.Config.Toml;

/// <summary>Character classes of the TOML grammar and the checks shared by comments and strings.</summary>
internal static class TomlText
{
    public static bool IsWhitespace(char c) => c is ' ' or '\t';

    public static bool IsBareKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    /// <summary>
    /// Checks that the character at the cursor may appear in a comment or string and returns how many
    /// UTF-16 units it spans. Tab is the only control character TOML allows there.
    /// </summary>
    public static int CheckTextCharacter(TomlCursor cursor, string context)
    {
        var c = cursor.Current;
        if (c == '\t')
        {
            return 1;
        }

        if (c < 0x20 || c == 0x7F)
        {
            throw cursor.Error($"control character U+{(int)c:X4} is not allowed in {context}");
        }

        if (char.IsHighSurrogate(c) && char.IsLowSurrogate(cursor.Peek(1)))
        {
            return 2;
        }

        if (char.IsSurrogate(c))
        {
            throw cursor.Error($"invalid character U+{(int)c:X4} (an unpaired surrogate) in {context}");
        }

        return 1;
    }

    /// <summary>Names the character at the cursor for an error message.</summary>
    public static string Describe(TomlCursor cursor)
    {
        if (cursor.AtEnd)
        {
            return "end of file";
        }

        var c = cursor.Current;
        return c switch
        {
            '\n' => "end of line",
            '\r' => "carriage return",
            _ when char.IsControl(c) || char.IsSurrogate(c) => $"U+{(int)c:X4}",
            _ => $"'{c}'",
        };
    }
}
