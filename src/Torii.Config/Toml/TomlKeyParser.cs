namespace Torii.Config.Toml;

/// <summary>Reads a key: bare, quoted or literal parts joined by dots, with whitespace around the dots.</summary>
internal static class TomlKeyParser
{
    public static List<TomlKeySegment> Parse(TomlCursor cursor)
    {
        var segments = new List<TomlKeySegment>();
        while (true)
        {
            TomlTrivia.SkipWhitespace(cursor);
            segments.Add(ParseSegment(cursor));
            TomlTrivia.SkipWhitespace(cursor);
            if (cursor.Current != '.')
            {
                return segments;
            }

            cursor.Advance();
        }
    }

    /// <summary>Joins segments back into a readable dotted name for messages.</summary>
    public static string Format(IEnumerable<TomlKeySegment> segments) =>
        string.Join('.', segments.Select(segment => FormatPart(segment.Name)));

    private static string FormatPart(string name) =>
        name.Length > 0 && name.All(TomlText.IsBareKeyChar) ? name : $"\"{name}\"";

    private static TomlKeySegment ParseSegment(TomlCursor cursor)
    {
        var position = cursor.Position;
        switch (cursor.Current)
        {
            case '"' when cursor.StartsWith("\"\"\""):
            case '\'' when cursor.StartsWith("'''"):
                throw cursor.Error("multi-line strings cannot be used as keys");
            case '"':
                return new TomlKeySegment(TomlStringParser.ParseBasic(cursor), position);
            case '\'':
                return new TomlKeySegment(TomlStringParser.ParseLiteral(cursor), position);
        }

        var start = cursor.Index;
        while (!cursor.AtEnd && TomlText.IsBareKeyChar(cursor.Current))
        {
            cursor.Advance();
        }

        if (cursor.Index == start)
        {
            throw cursor.Error(
                $"expected a key (letters, digits, '_', '-' or a quoted string), found {TomlText.Describe(cursor)}");
        }

        return new TomlKeySegment(cursor.Slice(start, cursor.Index), position);
    }
}
