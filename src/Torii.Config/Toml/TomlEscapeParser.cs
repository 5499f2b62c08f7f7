using System.Globalization;
using System.Text;

namespace Torii.Config.Toml;

/// <summary>Reads one backslash escape of a basic string (TOML 1.0.0 set: \b \t \n \f \r \" \\ \uXXXX \UXXXXXXXX).</summary>
internal static class TomlEscapeParser
{
    public static void Append(TomlCursor cursor, StringBuilder builder)
    {
        var position = cursor.Position;
        cursor.Advance();
        var c = cursor.Current;
        var simple = c switch
        {
            'b' => '\b',
            't' => '\t',
            'n' => '\n',
            'f' => '\f',
            'r' => '\r',
            '"' => '"',
            '\\' => '\\',
            _ => (char?)null,
        };

        if (simple is { } value)
        {
            builder.Append(value);
            cursor.Advance();
            return;
        }

        if (c is 'u' or 'U')
        {
            cursor.Advance();
            AppendCodePoint(cursor, builder, position, c == 'u' ? 4 : 8);
            return;
        }

        throw new TomlException(
            position,
            $"invalid escape sequence '\\{(cursor.AtEnd ? "" : c.ToString())}'; expected one of \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX");
    }

    private static void AppendCodePoint(TomlCursor cursor, StringBuilder builder, TomlPosition position, int digits)
    {
        var start = cursor.Index;
        for (var i = 0; i < digits; i++)
        {
            if (!char.IsAsciiHexDigit(cursor.Current))
            {
                throw new TomlException(position, $"invalid unicode escape: expected {digits} hexadecimal digits");
            }

            cursor.Advance();
        }

        var codePoint = long.Parse(cursor.Slice(start, cursor.Index), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        if (codePoint > 0x10FFFF || codePoint is >= 0xD800 and <= 0xDFFF)
        {
            throw new TomlException(
                position,
                $"invalid unicode escape: U+{codePoint:X} is not a Unicode scalar value (surrogates and values above U+10FFFF are not allowed)");
        }

        builder.Append(char.ConvertFromUtf32((int)codePoint));
    }
}
