using System.Globalization;
using System.Text;
using Torii.Config.Toml;

namespace Torii.Fuzz.Config;

/// <summary>A parsed TOML document as canonical text: every value with its type, in document order, with positions.</summary>
internal static class TomlDump
{
    public static string Of(TomlTable table)
    {
        var text = new StringBuilder();
        Append(text, table);
        return text.ToString();
    }

    private static void Append(StringBuilder text, object value)
    {
        switch (value)
        {
            case TomlTable table:
                text.Append($"{{@{table.Position}");
                foreach (var entry in table.Entries)
                {
                    text.Append($" {Quote(entry.Key)}@{entry.KeyPosition}/{entry.ValuePosition}=");
                    Append(text, entry.Value);
                }

                text.Append('}');
                break;
            case TomlArray array:
                text.Append($"[{(array.IsArrayOfTables ? "tables" : "values")}@{array.Position}");
                for (int index = 0; index < array.Count; index++)
                {
                    text.Append($" @{array.GetPosition(index)}:");
                    Append(text, array[index]);
                }

                text.Append(']');
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
