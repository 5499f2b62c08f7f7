using Torii.Config.Toml;

namespace Torii.Config.Tests.Toml;

public sealed class TomlDocumentTests
{
    [Fact]
    public void Keys_keep_document_order()
    {
        var table = TomlParser.Parse("zeta = 1\nalpha = 2\nmid = 3\n");

        Assert.Equal(["zeta", "alpha", "mid"], table.Keys);
    }

    [Fact]
    public void Key_and_value_positions_are_recorded()
    {
        var table = TomlParser.Parse("# comment\n  port   =   8080\n", "c.toml");

        Assert.True(table.TryGetPosition("port", out var key));
        Assert.True(table.TryGetValuePosition("port", out var value));
        Assert.Equal(new TomlPosition("c.toml", 2, 3), key);
        Assert.Equal(new TomlPosition("c.toml", 2, 14), value);
        Assert.False(table.TryGetPosition("missing", out _));
    }

    [Fact]
    public void Header_tables_record_the_header_position()
    {
        var table = TomlParser.Parse("a = 1\n\n[clusters.api]\nprotocol = \"http\"\n");

        var clusters = (TomlTable)table["clusters"];
        var api = (TomlTable)clusters["api"];
        Assert.Equal((3, 1), (api.Position.Line, api.Position.Column));
        Assert.True(clusters.TryGetPosition("api", out var keyPosition));
        Assert.Equal((3, 11), (keyPosition.Line, keyPosition.Column));
        Assert.True(api.TryGetValuePosition("protocol", out var protocol));
        Assert.Equal((4, 12), (protocol.Line, protocol.Column));
    }

    [Fact]
    public void Implicit_table_takes_the_position_of_its_later_header()
    {
        var table = TomlParser.Parse("[a.b]\n[a]\nx = 1\n");

        Assert.Equal(2, ((TomlTable)table["a"]).Position.Line);
    }

    [Fact]
    public void Array_items_and_inline_tables_record_positions()
    {
        var table = TomlParser.Parse("frontends = [\n  { hostname = \"a\" },\n  { hostname = \"b\" },\n]\n");

        var frontends = (TomlArray)table["frontends"];
        Assert.False(frontends.IsArrayOfTables);
        Assert.Equal((3, 3), (frontends.GetPosition(1).Line, frontends.GetPosition(1).Column));
        var second = (TomlTable)frontends[1];
        Assert.Equal((3, 3), (second.Position.Line, second.Position.Column));
        Assert.True(second.TryGetValuePosition("hostname", out var hostname));
        Assert.Equal((3, 16), (hostname.Line, hostname.Column));
    }

    [Fact]
    public void Array_of_tables_collects_each_header_as_an_element()
    {
        var table = TomlParser.Parse("[[listeners]]\nport = 1\n[[listeners]]\nport = 2\n[listeners.tls]\non = true\n");

        var listeners = (TomlArray)table["listeners"];
        Assert.True(listeners.IsArrayOfTables);
        Assert.Equal(2, listeners.Count);
        Assert.Equal(3, listeners.GetPosition(1).Line);
        var second = (TomlTable)listeners[1];
        Assert.Equal(2L, second["port"]);
        Assert.Equal(true, ((TomlTable)second["tls"])["on"]);
        Assert.False(((TomlTable)listeners[0]).ContainsKey("tls"));
    }

    [Fact]
    public void Dotted_keys_build_nested_tables()
    {
        var table = TomlParser.Parse("site.\"google.com\".weight = 3\nsite.other = 'x'\n");

        var site = (TomlTable)table["site"];
        Assert.Equal(3L, ((TomlTable)site["google.com"])["weight"]);
        Assert.Equal("x", site["other"]);
    }

    [Fact]
    public void Entries_carry_key_value_and_positions()
    {
        var table = TomlParser.Parse("a = 'x'\n");

        var entry = Assert.Single(table.Entries);
        Assert.Equal(new TomlEntry("a", "x", new TomlPosition(null, 1, 1), new TomlPosition(null, 1, 5)), entry);
    }
}
