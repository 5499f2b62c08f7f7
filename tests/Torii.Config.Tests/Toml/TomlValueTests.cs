using Torii.Config.Toml;

namespace Torii.Config.Tests.Toml;

public sealed class TomlValueTests
{
    private static object Value(string toml) => TomlParser.Parse("v = " + toml)["v"];

    [Theory]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("0x7FFFFFFFFFFFFFFF", long.MaxValue)]
    [InlineData("0xdead_BEEF", 0xDEADBEEF)]
    [InlineData("0o755", 493)]
    [InlineData("0b1101", 13)]
    [InlineData("+0", 0)]
    [InlineData("1_000_000", 1000000)]
    public void Integers(string text, long expected)
    {
        Assert.Equal(expected, Value(text));
    }

    [Theory]
    [InlineData("6.02e23", 6.02e23)]
    [InlineData("-1_000.5", -1000.5)]
    [InlineData("1E-2", 0.01)]
    [InlineData("0e0", 0.0)]
    [InlineData("-inf", double.NegativeInfinity)]
    [InlineData("+inf", double.PositiveInfinity)]
    public void Floats(string text, double expected)
    {
        Assert.Equal(expected, Value(text));
    }

    [Theory]
    [InlineData("nan")]
    [InlineData("-nan")]
    public void Not_a_number(string text)
    {
        Assert.True(double.IsNaN((double)Value(text)));
    }

    [Fact]
    public void Offset_date_time_keeps_its_offset_and_nanoseconds()
    {
        var value = Assert.IsType<TomlOffsetDateTime>(Value("1979-05-27T00:32:00.999999999-07:00"));

        Assert.Equal(new TomlLocalDate(1979, 5, 27), value.Date);
        Assert.Equal(new TomlLocalTime(0, 32, 0, 999_999_999), value.Time);
        Assert.Equal(-7 * 60, value.OffsetMinutes);
        Assert.Equal("1979-05-27T00:32:00.999999999-07:00", value.ToString());
    }

    [Fact]
    public void Fraction_beyond_nanoseconds_is_truncated_not_rounded()
    {
        var value = Assert.IsType<TomlLocalTime>(Value("10:00:00.1234567899"));

        Assert.Equal(123_456_789, value.Nanosecond);
    }

    [Fact]
    public void Leap_second_and_year_zero_are_kept()
    {
        var value = Assert.IsType<TomlLocalDateTime>(Value("0000-02-29 23:59:60"));

        Assert.Equal(new TomlLocalDate(0, 2, 29), value.Date);
        Assert.Equal(60, value.Time.Second);
        Assert.Equal("0000-02-29T23:59:60", value.ToString());
    }

    [Fact]
    public void Lowercase_separators_and_z_are_accepted()
    {
        var value = Assert.IsType<TomlOffsetDateTime>(Value("1987-07-05t17:45:00z"));

        Assert.Equal(0, value.OffsetMinutes);
        Assert.Equal(new DateTimeOffset(1987, 7, 5, 17, 45, 0, TimeSpan.Zero), value.ToDateTimeOffset());
    }

    [Fact]
    public void Local_date_and_time()
    {
        Assert.Equal(new TomlLocalDate(2024, 2, 29), Value("2024-02-29"));
        Assert.Equal(new TomlLocalTime(7, 32, 0, 500_000_000), Value("07:32:00.5"));
    }

    [Fact]
    public void Multiline_basic_string_trims_first_newline_and_joins_escaped_line_ends()
    {
        Assert.Equal("one two\nthree", Value("\"\"\"\r\none \\\r\n    two\r\nthree\"\"\""));
    }

    [Fact]
    public void Multiline_strings_allow_up_to_two_quotes_before_the_delimiter()
    {
        Assert.Equal("a\"\"", Value("\"\"\"a\"\"\"\"\""));
        Assert.Equal("'b''", Value("''''b'''''"));
    }

    [Fact]
    public void Escapes_in_basic_strings()
    {
        Assert.Equal("tab\t quote\" slash\\ \u00e9 \U0001F600", Value("\"tab\\t quote\\\" slash\\\\ \\u00E9 \\U0001F600\""));
    }

    [Fact]
    public void Literal_strings_keep_backslashes()
    {
        Assert.Equal(@"C:\Users\nope", Value(@"'C:\Users\nope'"));
    }

    [Fact]
    public void Arrays_may_mix_types_and_span_lines_with_comments()
    {
        var array = Assert.IsType<TomlArray>(Value("[\n  1, # one\n  'two',\n  [3.0],\n]"));

        Assert.Equal(1L, array[0]);
        Assert.Equal("two", array[1]);
        Assert.Equal(3.0, Assert.IsType<TomlArray>(array[2])[0]);
    }

    [Fact]
    public void Utf8_bytes_with_a_byte_order_mark_parse()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "name = \"caf\u00e9\"\r\n"u8];

        Assert.Equal("caf\u00e9", TomlParser.Parse(bytes)["name"]);
    }
}
