namespace Torii.Config.Toml;

/// <summary>Reads one value: string, number, boolean, date-time, array or inline table.</summary>
internal static class TomlValueParser
{
    // Deep nesting is refused rather than risking a stack overflow, which would end the process.
    private const int MaxDepth = 256;

    public static object Parse(TomlCursor cursor, int depth = 0)
    {
        var position = cursor.Position;
        switch (cursor.Current)
        {
            case '"':
                return cursor.StartsWith("\"\"\"")
                    ? TomlStringParser.ParseMultilineBasic(cursor)
                    : TomlStringParser.ParseBasic(cursor);
            case '\'':
                return cursor.StartsWith("'''")
                    ? TomlStringParser.ParseMultilineLiteral(cursor)
                    : TomlStringParser.ParseLiteral(cursor);
            case '[':
                return ParseArray(cursor, CheckDepth(cursor, depth));
            case '{':
                return ParseInlineTable(cursor, CheckDepth(cursor, depth));
            case 't' when cursor.StartsWith("true"):
                cursor.Advance(4);
                return true;
            case 'f' when cursor.StartsWith("false"):
                cursor.Advance(5);
                return false;
        }

        if (!IsTokenStart(cursor))
        {
            throw cursor.Error(
                $"expected a value (string, number, boolean, date-time, array or inline table), found {TomlText.Describe(cursor)}");
        }

        var token = ReadToken(cursor);
        return TomlDateTimeParser.LooksLikeDateOrTime(token)
            ? TomlDateTimeParser.Parse(token, position)
            : TomlNumberParser.Parse(token, position);
    }

    private static int CheckDepth(TomlCursor cursor, int depth) =>
        depth < MaxDepth ? depth + 1 : throw cursor.Error($"arrays and inline tables are nested more than {MaxDepth} deep");

    private static bool IsTokenStart(TomlCursor cursor) =>
        char.IsAsciiDigit(cursor.Current) || cursor.Current is '+' or '-'
        || cursor.StartsWith("inf") || cursor.StartsWith("nan");

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '+' or '-' or '.' or ':';

    /// <summary>Reads a number or date-time; a full date may be followed by a space and a time.</summary>
    private static string ReadToken(TomlCursor cursor)
    {
        var start = cursor.Index;
        while (IsTokenChar(cursor.Current))
        {
            cursor.Advance();
        }

        var token = cursor.Slice(start, cursor.Index);
        if (TomlDateTimeParser.IsFullDate(token) && cursor.Current == ' ' && char.IsAsciiDigit(cursor.Peek(1))
            && char.IsAsciiDigit(cursor.Peek(2)) && cursor.Peek(3) == ':')
        {
            cursor.Advance();
            while (IsTokenChar(cursor.Current))
            {
                cursor.Advance();
            }

            token = cursor.Slice(start, cursor.Index);
        }

        return token;
    }

    private static TomlArray ParseArray(TomlCursor cursor, int depth)
    {
        var array = new TomlArray(cursor.Position, isArrayOfTables: false);
        cursor.Advance();
        while (true)
        {
            TomlTrivia.SkipWhitespaceCommentsAndNewlines(cursor);
            if (cursor.Current == ']')
            {
                cursor.Advance();
                return array;
            }

            var itemPosition = cursor.Position;
            array.Add(Parse(cursor, depth), itemPosition);
            TomlTrivia.SkipWhitespaceCommentsAndNewlines(cursor);
            switch (cursor.Current)
            {
                case ',':
                    cursor.Advance();
                    break;
                case ']':
                    cursor.Advance();
                    return array;
                default:
                    throw cursor.Error($"expected ',' or ']' after an array item, found {TomlText.Describe(cursor)}");
            }
        }
    }

    private static TomlTable ParseInlineTable(TomlCursor cursor, int depth)
    {
        var table = new TomlTable(cursor.Position, TomlTableKind.Dotted);
        cursor.Advance();
        TomlTrivia.SkipWhitespace(cursor);
        if (cursor.Current == '}')
        {
            cursor.Advance();
            TomlTableEditor.Seal(table);
            return table;
        }

        while (true)
        {
            var key = TomlKeyParser.Parse(cursor);
            if (cursor.Current != '=')
            {
                throw cursor.Error($"expected '=' after key, found {TomlText.Describe(cursor)}");
            }

            cursor.Advance();
            TomlTrivia.SkipWhitespace(cursor);
            var valuePosition = cursor.Position;
            var value = Parse(cursor, depth);
            TomlTableEditor.InsertDotted(table, key, value, valuePosition);
            TomlTrivia.SkipWhitespace(cursor);
            switch (cursor.Current)
            {
                case ',':
                    cursor.Advance();
                    TomlTrivia.SkipWhitespace(cursor);
                    if (cursor.Current == '}')
                    {
                        throw cursor.Error("a trailing comma is not allowed in an inline table");
                    }

                    break;
                case '}':
                    cursor.Advance();
                    TomlTableEditor.Seal(table);
                    return table;
                default:
                    throw cursor.Error(
                        $"expected ',' or '}}' after a value in an inline table (inline tables must stay on one line), found {TomlText.Describe(cursor)}");
            }
        }
    }
}
