using System.Text;

namespace Torii.Config.Toml;

/// <summary>Reads the four TOML string forms. Newlines inside multi-line strings are returned as "\n".</summary>
internal static class TomlStringParser
{
    public static string ParseBasic(TomlCursor cursor)
    {
        var start = cursor.Position;
        cursor.Advance();
        var builder = new StringBuilder();
        while (true)
        {
            switch (cursor.Current)
            {
                case '"':
                    cursor.Advance();
                    return builder.ToString();
                case '\\':
                    TomlEscapeParser.Append(cursor, builder);
                    break;
                case '\n' or '\r':
                case '\0' when cursor.AtEnd:
                    throw Unterminated(cursor, start, "\"");
                default:
                    AppendTextCharacter(cursor, builder, "a string");
                    break;
            }
        }
    }

    public static string ParseLiteral(TomlCursor cursor)
    {
        var start = cursor.Position;
        cursor.Advance();
        var builder = new StringBuilder();
        while (true)
        {
            switch (cursor.Current)
            {
                case '\'':
                    cursor.Advance();
                    return builder.ToString();
                case '\n' or '\r':
                case '\0' when cursor.AtEnd:
                    throw Unterminated(cursor, start, "'");
                default:
                    AppendTextCharacter(cursor, builder, "a literal string");
                    break;
            }
        }
    }

    public static string ParseMultilineBasic(TomlCursor cursor)
    {
        var start = cursor.Position;
        cursor.Advance(3);
        TomlTrivia.TryConsumeNewline(cursor);
        var builder = new StringBuilder();
        while (true)
        {
            switch (cursor.Current)
            {
                case '\0' when cursor.AtEnd:
                    throw Unterminated(cursor, start, "\"\"\"");
                case '"':
                    if (TryCloseMultiline(cursor, builder, '"'))
                    {
                        return builder.ToString();
                    }

                    break;
                case '\n' or '\r':
                    TomlTrivia.TryConsumeNewline(cursor);
                    builder.Append('\n');
                    break;
                case '\\' when IsLineEndingBackslash(cursor):
                    cursor.Advance();
                    SkipWhitespaceAndNewlines(cursor);
                    break;
                case '\\':
                    TomlEscapeParser.Append(cursor, builder);
                    break;
                default:
                    AppendTextCharacter(cursor, builder, "a multi-line string");
                    break;
            }
        }
    }

    public static string ParseMultilineLiteral(TomlCursor cursor)
    {
        var start = cursor.Position;
        cursor.Advance(3);
        TomlTrivia.TryConsumeNewline(cursor);
        var builder = new StringBuilder();
        while (true)
        {
            switch (cursor.Current)
            {
                case '\0' when cursor.AtEnd:
                    throw Unterminated(cursor, start, "'''");
                case '\'':
                    if (TryCloseMultiline(cursor, builder, '\''))
                    {
                        return builder.ToString();
                    }

                    break;
                case '\n' or '\r':
                    TomlTrivia.TryConsumeNewline(cursor);
                    builder.Append('\n');
                    break;
                default:
                    AppendTextCharacter(cursor, builder, "a multi-line literal string");
                    break;
            }
        }
    }

    /// <summary>
    /// Handles a run of quotes: fewer than three are content; three to five close the string, the extra
    /// one or two being content just before the delimiter; six or more cannot be told apart.
    /// </summary>
    private static bool TryCloseMultiline(TomlCursor cursor, StringBuilder builder, char quote)
    {
        var run = 0;
        while (cursor.Peek(run) == quote)
        {
            run++;
        }

        if (run < 3)
        {
            builder.Append(quote, run);
            cursor.Advance(run);
            return false;
        }

        if (run > 5)
        {
            throw cursor.Error($"too many consecutive {quote} characters: at most two may come right before the closing {new string(quote, 3)}");
        }

        builder.Append(quote, run - 3);
        cursor.Advance(run);
        return true;
    }

    /// <summary>A backslash followed only by whitespace up to the end of the line joins the lines.</summary>
    private static bool IsLineEndingBackslash(TomlCursor cursor)
    {
        var offset = 1;
        while (TomlText.IsWhitespace(cursor.Peek(offset)))
        {
            offset++;
        }

        return cursor.Peek(offset) == '\n' || (cursor.Peek(offset) == '\r' && cursor.Peek(offset + 1) == '\n');
    }

    private static void SkipWhitespaceAndNewlines(TomlCursor cursor)
    {
        while (true)
        {
            if (TomlText.IsWhitespace(cursor.Current))
            {
                cursor.Advance();
            }
            else if (!TomlTrivia.TryConsumeNewline(cursor))
            {
                return;
            }
        }
    }

    private static void AppendTextCharacter(TomlCursor cursor, StringBuilder builder, string context)
    {
        var width = TomlText.CheckTextCharacter(cursor, context);
        builder.Append(cursor.Slice(cursor.Index, cursor.Index + width));
        cursor.Advance(width);
    }

    private static TomlException Unterminated(TomlCursor cursor, TomlPosition start, string delimiter) =>
        cursor.Error($"unterminated string: expected {delimiter} to close the string that starts at {start.Line}:{start.Column}");
}
