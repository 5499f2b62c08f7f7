using System.Text;
using Torii.Config.Toml;

namespace Torii.Config.Tests.Toml;

public sealed class TomlErrorTests
{
    private static TomlException ParseError(string text) =>
        Assert.Throws<TomlException>(() => TomlParser.Parse(text, "config.toml"));

    [Fact]
    public void Missing_equals_sign_is_reported_where_it_was_expected()
    {
        var error = ParseError("a = 1\nb = 2\nname value = 3\n");

        Assert.Equal(("config.toml", 3, 6), (error.FileName, error.Line, error.Column));
        Assert.StartsWith("config.toml:3:6: expected '=' after key", error.Message);
    }

    [Fact]
    public void Message_has_no_file_prefix_when_no_file_name_is_given()
    {
        var error = Assert.Throws<TomlException>(() => TomlParser.Parse("x ="));

        Assert.Null(error.FileName);
        Assert.StartsWith("1:4: expected a value", error.Message);
    }

    [Fact]
    public void Duplicate_key_points_at_the_second_key_and_names_the_first()
    {
        var error = ParseError("[server]\nport = 1\n  port = 2\n");

        Assert.Equal((3, 3), (error.Line, error.Column));
        Assert.Contains("duplicate key 'port'", error.Reason);
        Assert.Contains("2:1", error.Reason);
    }

    [Fact]
    public void Table_defined_twice_points_at_the_second_header()
    {
        var error = ParseError("[a]\nx = 1\n[a]\n");

        Assert.Equal((3, 2), (error.Line, error.Column));
        Assert.Contains("table 'a' is already defined at 1:1", error.Reason);
    }

    [Fact]
    public void Extending_an_inline_table_from_a_header_is_rejected()
    {
        var error = ParseError("point = { x = 1 }\n[point.y]\n");

        Assert.Equal((2, 2), (error.Line, error.Column));
        Assert.Contains("inline tables are immutable", error.Reason);
    }

    [Fact]
    public void Dotted_key_cannot_reopen_a_header_table()
    {
        var error = ParseError("[a.b]\nx = 1\n[a]\nb.y = 2\n");

        Assert.Equal((4, 1), (error.Line, error.Column));
        Assert.Contains("cannot add to table 'b'", error.Reason);
    }

    [Fact]
    public void Header_cannot_redefine_a_table_made_by_dotted_keys()
    {
        var error = ParseError("[fruit]\napple.color = \"red\"\n[fruit.apple]\n");

        Assert.Equal(3, error.Line);
        Assert.Contains("table 'fruit.apple' is already defined", error.Reason);
    }

    [Fact]
    public void Appending_to_a_static_array_is_rejected()
    {
        var error = ParseError("items = []\n[[items]]\n");

        Assert.Equal((2, 3), (error.Line, error.Column));
        Assert.Contains("it is already an array", error.Reason);
    }

    [Fact]
    public void Unterminated_string_names_where_it_started()
    {
        var error = ParseError("a = 1\nname = \"open\n");

        Assert.Equal((2, 13), (error.Line, error.Column));
        Assert.Contains("unterminated string", error.Reason);
        Assert.Contains("starts at 2:8", error.Reason);
    }

    [Fact]
    public void Invalid_escape_points_at_the_backslash()
    {
        var error = ParseError("s = \"ab\\qc\"");

        Assert.Equal((1, 8), (error.Line, error.Column));
        Assert.Contains("invalid escape sequence '\\q'", error.Reason);
    }

    [Theory]
    [InlineData("s = \"\\uD800\"", "not a Unicode scalar value")]
    [InlineData("s = \"\\U00110000\"", "not a Unicode scalar value")]
    [InlineData("s = \"\\u12\"", "expected 4 hexadecimal digits")]
    public void Bad_unicode_escapes_are_rejected(string text, string reason)
    {
        Assert.Contains(reason, ParseError(text).Reason);
    }

    [Theory]
    [InlineData("n = 9223372036854775808", "does not fit in a 64-bit signed integer")]
    [InlineData("n = 0x8000000000000000", "does not fit in a 64-bit signed integer")]
    [InlineData("n = 012", "leading zeros are not allowed")]
    [InlineData("n = 1__000", "an underscore must be between two digits")]
    [InlineData("n = -0x10", "a sign is not allowed")]
    [InlineData("f = 1.", "expected digits after the decimal point")]
    [InlineData("f = 1e_5", "an underscore must be between two digits in the exponent")]
    public void Bad_numbers_say_what_is_wrong(string text, string reason)
    {
        var error = ParseError(text);

        Assert.Equal((1, 5), (error.Line, error.Column));
        Assert.Contains(reason, error.Reason);
    }

    [Theory]
    [InlineData("d = 2023-02-29", "the day must be between 01 and 28 for 2023-02")]
    [InlineData("d = 2024-13-01", "the month must be between 01 and 12")]
    [InlineData("t = 24:00:00", "the hour must be between 00 and 23")]
    [InlineData("t = 12:00:61", "the second must be between 00 and 60")]
    [InlineData("d = 2024-01-01T10:00:00+24:00", "the offset must be between")]
    public void Bad_dates_and_times_say_what_is_wrong(string text, string reason)
    {
        Assert.Contains(reason, ParseError(text).Reason);
    }

    [Fact]
    public void Control_character_in_a_comment_is_reported_with_its_code()
    {
        var error = ParseError("a = 1 # bell \u0007 here\n");

        Assert.Equal((1, 14), (error.Line, error.Column));
        Assert.Contains("U+0007", error.Reason);
    }

    [Fact]
    public void Bare_carriage_return_is_rejected()
    {
        var error = ParseError("a = 1\rb = 2\n");

        Assert.Equal((1, 6), (error.Line, error.Column));
        Assert.Contains("carriage return", error.Reason);
    }

    [Fact]
    public void Trailing_comma_in_inline_table_is_rejected()
    {
        var error = ParseError("t = { a = 1, }");

        Assert.Contains("trailing comma", error.Reason);
    }

    [Fact]
    public void Newline_inside_inline_table_is_rejected()
    {
        var error = ParseError("t = { a = 1,\n b = 2 }");

        Assert.Equal((1, 13), (error.Line, error.Column));
    }

    [Fact]
    public void Text_after_a_value_is_rejected()
    {
        var error = ParseError("a = 1 2\n");

        Assert.Equal((1, 7), (error.Line, error.Column));
        Assert.Contains("expected a newline or a comment after a value", error.Reason);
    }

    [Fact]
    public void Invalid_utf8_is_reported_where_the_bad_bytes_start()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("a = 1\nb = \"x"), 0xC3, .. Encoding.UTF8.GetBytes("\"\n")];

        var error = Assert.Throws<TomlException>(() => TomlParser.Parse(bytes, "bad.toml"));

        Assert.Equal(("bad.toml", 2, 7), (error.FileName, error.Line, error.Column));
        Assert.Contains("invalid UTF-8", error.Reason);
    }

    [Fact]
    public void Unpaired_surrogate_in_a_string_is_rejected()
    {
        var error = ParseError("s = \"a\uD800b\"");

        Assert.Equal((1, 7), (error.Line, error.Column));
    }

    [Fact]
    public void Byte_order_mark_does_not_shift_columns()
    {
        var error = ParseError("\uFEFFkey 1");

        Assert.Equal((1, 5), (error.Line, error.Column));
    }

    [Fact]
    public void Surrogate_pair_counts_as_one_column()
    {
        var error = ParseError("k = \"\U0001F600\" x");

        Assert.Equal((1, 9), (error.Line, error.Column));
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_crash()
    {
        var text = "a = " + new string('[', 100_000) + new string(']', 100_000);

        Assert.Contains("nested more than", ParseError(text).Reason);
    }
}
