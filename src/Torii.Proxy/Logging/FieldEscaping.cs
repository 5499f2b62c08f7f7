using System.Globalization;
using System.Text;

namespace Torii.Proxy.Logging;

/// <summary>
/// Makes a value safe inside one field of a log line (the audit log, `torii events`): the field separator (tab), line breaks
/// and every other control or line-separator character become backslash escapes, and the backslash
/// itself is doubled, so no value can end a field or a line, nor forge an escape.
/// </summary>
public static class FieldEscaping
{
    public static string Escape(string value)
    {
        if (!NeedsEscaping(value))
        {
            return value;
        }

        var escaped = new StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\':
                    escaped.Append(@"\\");
                    break;
                case '\t':
                    escaped.Append(@"\t");
                    break;
                case '\n':
                    escaped.Append(@"\n");
                    break;
                case '\r':
                    escaped.Append(@"\r");
                    break;
                default:
                    if (IsUnsafe(c))
                    {
                        escaped.Append(@"\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        escaped.Append(c);
                    }

                    break;
            }
        }

        return escaped.ToString();
    }

    private static bool NeedsEscaping(string value)
    {
        foreach (var c in value)
        {
            if (c == '\\' || IsUnsafe(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>C0 and C1 controls, DEL, the Unicode line and paragraph separators, and the bidirectional overrides a terminal would obey.</summary>
    private static bool IsUnsafe(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' || c is >= '\u202a' and <= '\u202e' || c is >= '\u2066' and <= '\u2069';
}
