using System.Globalization;
using System.Text;
using Torii.Config.Toml;

namespace Torii.Fuzz.Config;

/// <summary>A parsed TOML document as canonical text: every value with its type, in document order, with positions.</summary>
internal static class TomlDump
{
    /// <remarks>
    /// A loop over pending work, not recursion: dotted keys nest tables as deep as the key is long,
    /// deeper than the stack allows.
    /// </remarks>
    public static string Of(TomlTable table)
    {
        var text = new StringBuilder();
        var pending = new Stack<object>();
        pending.Push(table);
        while (pending.TryPop(out object? next))
        {
            if (next is DumpLiteral literal)
            {
                text.Append(literal.Text);
            }
            else
            {
                Append(text, pending, next);
            }
        }

        return text.ToString();
    }

    /// <summary>Appends a scalar, or opens a table or array and schedules its parts (pushed last to first).</summary>
    private static void Append(StringBuilder text, Stack<object> pending, object value)
    {
        switch (value)
        {
            case TomlTable table:
                text.Append($"{{@{table.Position}");
                pending.Push(new DumpLiteral("}"));
                for (int index = table.Entries.Count - 1; index >= 0; index--)
                {
                    var entry = table.Entries[index];
                    pending.Push(entry.Value);
                    pending.Push(new DumpLiteral($" {Quote(entry.Key)}@{entry.KeyPosition}/{entry.ValuePosition}="));
                }

                break;
            case TomlArray array:
                text.Append($"[{(array.IsArrayOfTables ? "tables" : "values")}@{array.Position}");
                pending.Push(new DumpLiteral("]"));
                for (int index = array.Count - 1; index >= 0; index--)
                {
                    pending.Push(array[index]);
                    pending.Push(new DumpLiteral($" @{array.GetPosition(index)}:"));
                }

                break;
            case string s:
                text.Append(Quote(s));
                break;
            case double d:
                text.Append(CultureInfo.InvariantCulture, $"double:{BitConverter.DoubleToInt64Bits(d):x16}");
                break;
            default:
                text.Append(CultureInfo.InvariantCulture, $"{value.GetType().Name}:{value}");
                break;
        }
    }

    private static string Quote(string value) => "\"" + Convert.ToHexString(Encoding.Unicode.GetBytes(value)) + "\"";
}
