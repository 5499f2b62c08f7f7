namespace Torii.Config.Toml;

/// <summary>Whitespace, comments and line endings between TOML expressions.</summary>
internal static class TomlTrivia
{
    public static void SkipWhitespace(TomlCursor cursor)
    {
        while (!cursor.AtEnd && TomlText.IsWhitespace(cursor.Current))
        {
            cursor.Advance();
        }
    }

    /// <summary>Skips a comment starting at '#', up to (not including) the line ending.</summary>
    public static void SkipComment(TomlCursor cursor)
    {
        cursor.Advance();
        while (!cursor.AtEnd && cursor.Current != '\n' && !(cursor.Current == '\r' && cursor.Peek(1) == '\n'))
        {
            cursor.Advance(TomlText.CheckTextCharacter(cursor, "a comment"));
        }
    }

    /// <summary>Consumes "\n" or "\r\n"; a carriage return on its own is an error.</summary>
    public static bool TryConsumeNewline(TomlCursor cursor)
    {
        if (cursor.Current == '\n')
        {
            cursor.Advance();
            return true;
        }

        if (cursor.Current == '\r')
        {
            if (cursor.Peek(1) != '\n')
            {
                throw cursor.Error("carriage return must be followed by a line feed");
            }

            cursor.Advance(2);
            return true;
        }

        return false;
    }

    /// <summary>Skips whitespace, comments and newlines, as allowed between the items of an array.</summary>
    public static void SkipWhitespaceCommentsAndNewlines(TomlCursor cursor)
    {
        while (!cursor.AtEnd)
        {
            SkipWhitespace(cursor);
            if (cursor.Current == '#')
            {
                SkipComment(cursor);
            }

            if (!TryConsumeNewline(cursor))
            {
                return;
            }
        }
    }

    /// <summary>Requires the rest of the line to be blank or a comment, then consumes the line ending.</summary>
    public static void ExpectLineEnd(TomlCursor cursor, string after)
    {
        SkipWhitespace(cursor);
        if (cursor.Current == '#')
        {
            SkipComment(cursor);
        }

        if (cursor.AtEnd || TryConsumeNewline(cursor))
        {
            return;
        }

        throw cursor.Error($"expected a newline or a comment after {after}, found {TomlText.Describe(cursor)}");
    }
}
