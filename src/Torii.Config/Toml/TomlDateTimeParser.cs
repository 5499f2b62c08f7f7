namespace Torii.Config.Toml;

/// <summary>Turns a date/time token into one of the four TOML date-time values (RFC 3339 forms).</summary>
internal static class TomlDateTimeParser
{
    /// <summary>True when the token starts like a date (YYYY-) or a time (HH:), so it is not a number.</summary>
    public static bool LooksLikeDateOrTime(string token) =>
        (token.Length >= 5 && AreDigits(token, 0, 4) && token[4] == '-')
        || (token.Length >= 3 && AreDigits(token, 0, 2) && token[2] == ':');

    /// <summary>True when the token is exactly a full date, which a space and a time may follow.</summary>
    public static bool IsFullDate(string token) =>
        token.Length == 10 && AreDigits(token, 0, 4) && token[4] == '-' && AreDigits(token, 5, 2) && token[7] == '-'
        && AreDigits(token, 8, 2);

    public static object Parse(string token, TomlPosition position)
    {
        if (token[2] == ':')
        {
            var (localTime, end) = ParseTime(token, 0, position);
            return end == token.Length
                ? localTime
                : throw Invalid(token, position, "unexpected text after the time");
        }

        var date = ParseDate(token, position);
        if (token.Length == 10)
        {
            return date;
        }

        if (token[10] is not ('T' or 't' or ' '))
        {
            throw Invalid(token, position, "expected 'T' or a space between the date and the time");
        }

        var (time, timeEnd) = ParseTime(token, 11, position);
        if (timeEnd == token.Length)
        {
            return new TomlLocalDateTime(date, time);
        }

        return new TomlOffsetDateTime(date, time, ParseOffset(token, timeEnd, position));
    }

    private static TomlLocalDate ParseDate(string token, TomlPosition position)
    {
        if (token.Length < 10 || !IsFullDate(token[..10]))
        {
            throw Invalid(token, position, "expected a date as YYYY-MM-DD");
        }

        var year = Number(token, 0, 4);
        var month = Number(token, 5, 2);
        var day = Number(token, 8, 2);
        if (month is < 1 or > 12)
        {
            throw Invalid(token, position, "the month must be between 01 and 12");
        }

        var daysInMonth = DaysInMonth(year, month);
        if (day < 1 || day > daysInMonth)
        {
            throw Invalid(token, position, $"the day must be between 01 and {daysInMonth} for {year:D4}-{month:D2}");
        }

        return new TomlLocalDate(year, month, day);
    }

    private static (TomlLocalTime Time, int End) ParseTime(string token, int start, TomlPosition position)
    {
        if (token.Length < start + 8 || !AreDigits(token, start, 2) || token[start + 2] != ':'
            || !AreDigits(token, start + 3, 2) || token[start + 5] != ':' || !AreDigits(token, start + 6, 2))
        {
            throw Invalid(token, position, "expected a time as HH:MM:SS with optional fractional seconds");
        }

        var hour = Number(token, start, 2);
        var minute = Number(token, start + 3, 2);
        var second = Number(token, start + 6, 2);
        if (hour > 23)
        {
            throw Invalid(token, position, "the hour must be between 00 and 23");
        }

        if (minute > 59)
        {
            throw Invalid(token, position, "the minute must be between 00 and 59");
        }

        if (second > 60)
        {
            // 60 is allowed: RFC 3339 keeps it for leap seconds.
            throw Invalid(token, position, "the second must be between 00 and 60");
        }

        var end = start + 8;
        var nanosecond = 0;
        if (end < token.Length && token[end] == '.')
        {
            var digitsStart = ++end;
            while (end < token.Length && char.IsAsciiDigit(token[end]))
            {
                end++;
            }

            if (end == digitsStart)
            {
                throw Invalid(token, position, "expected digits after the decimal point of the seconds");
            }

            // Digits past nanoseconds are dropped: TOML says extra precision is truncated, not rounded.
            var digits = token[digitsStart..Math.Min(end, digitsStart + 9)].PadRight(9, '0');
            nanosecond = Number(digits, 0, 9);
        }

        return (new TomlLocalTime(hour, minute, second, nanosecond), end);
    }

    private static int ParseOffset(string token, int start, TomlPosition position)
    {
        var offset = token[start..];
        if (offset is "Z" or "z")
        {
            return 0;
        }

        if (offset.Length != 6 || offset[0] is not ('+' or '-') || !AreDigits(offset, 1, 2) || offset[3] != ':'
            || !AreDigits(offset, 4, 2))
        {
            throw Invalid(token, position, "expected 'Z' or an offset as +HH:MM or -HH:MM after the time");
        }

        var hours = Number(offset, 1, 2);
        var minutes = Number(offset, 4, 2);
        if (hours > 23 || minutes > 59)
        {
            throw Invalid(token, position, "the offset must be between -23:59 and +23:59");
        }

        var total = (hours * 60) + minutes;
        return offset[0] == '-' ? -total : total;
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => IsLeapYear(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    private static bool IsLeapYear(int year) => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);

    private static bool AreDigits(string text, int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            if (i >= text.Length || !char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static int Number(string text, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            value = (value * 10) + (text[i] - '0');
        }

        return value;
    }

    private static TomlException Invalid(string token, TomlPosition position, string reason) =>
        new(position, $"invalid date-time '{token}': {reason}");
}
