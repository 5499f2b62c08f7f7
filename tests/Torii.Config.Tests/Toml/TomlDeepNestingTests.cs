using System.Text;
using Torii.Config.Toml;

namespace Torii.Config.Tests.Toml;

/// <summary>Inputs found through the fuzz harness (fuzz/Torii.Fuzz, target toml) that once crashed the reader.</summary>
public sealed class TomlDeepNestingTests
{
    private const int Segments = 100_000;

    // "a = {b.b.b. ... .b = 1}": one dotted key nests 100,001 tables inside an inline table;
    // sealing that table used to recurse once per level and overflow the stack.
    private static readonly string DeepInlineTable = "a = {" + string.Concat(Enumerable.Repeat("b.", Segments)) + "b = 1}\n";

    [Fact]
    public void An_inline_table_holding_a_100000_segment_dotted_key_parses()
    {
        var table = TomlParser.Parse(Encoding.ASCII.GetBytes(DeepInlineTable));

        int depth = 0;
        object value = table["a"];
        while (value is TomlTable inner)
        {
            value = inner["b"];
            depth++;
        }

        Assert.Equal(Segments + 1, depth);
        Assert.Equal(1L, value);
    }

    [Fact]
    public void The_deep_inline_table_is_still_sealed()
    {
        var error = Assert.Throws<TomlException>(() => TomlParser.Parse(DeepInlineTable + "a.c = 2\n"));

        Assert.Equal(2, error.Line);
    }
}
