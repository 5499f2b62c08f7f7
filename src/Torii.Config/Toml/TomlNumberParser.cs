using System.Globalization;

namespace Torii.Config.Toml;

/// <summary>Turns a number token into a long (integers) or a double (floats), applying TOML's digit rules.</summary>
internal static class TomlNumberParser
{
    public static object Parse(string token, TomlPosition position)
    {
        switch (token)
        {
            case "inf" or "+inf":
                return double.PositiveInfinity;
            case "-inf":
                return double.NegativeInfinity;
            case "nan" or "+nan" or "-nan":
                return double.NaN;
        }

        var signed = token[0] is '+' or '-';
        var unsigned = signed ? token[1..] : token;
        if (unsigned.Length > 1 && unsigned[0] == '0' && unsigned[1] is 'x' or 'o' or 'b')
        {
            if (signed)
            {
                throw Invalid(token, position, "a sign is not allowed on hexadecimal, octal or binary integers");
            }

            return ParseRadix(token, position);
        }

        if (unsigned.IndexOfAny(['.', 'e', 'E']) >= 0)
        {
            return ParseFloat(token, unsigned, position);
        }

        return ParseDecimal(token, unsigned, negative: token[0] == '-', position);
    }

    private static long ParseDecimal(string token, string digits, bool negative, TomlPosition position)
    {
        CheckDecimalIntegerPart(token, digits, position);
        var limit = negative ? (ulong)long.MaxValue + 1 : long.MaxValue;
        var magnitude = Accumulate(token, digits, 10, limit, position);
        return negative ? (long)(0 - magnitude) : (long)magnitude;
    }

    private static long ParseRadix(string token, TomlPosition position)
    {
        var (radix, name) = token[1] switch
        {
            'x' => (16, "hexadecimal"),
            'o' => (8, "octal"),
            _ => (2, "binary"),
        };
        var digits = token[2..];
        if (CheckDigitGroup(digits, c => DigitValue(c) < radix) is { } problem)
        {
            throw Invalid(token, position, $"{problem} ({name} digits)");
        }

        return (long)Accumulate(token, digits, radix, long.MaxValue, position);
    }

    private static double ParseFloat(string token, string unsigned, TomlPosition position)
    {
        var fractionStart = unsigned.IndexOf('.', StringComparison.Ordinal);
        var exponentStart = unsigned.IndexOfAny(['e', 'E']);
        var integerEnd = fractionStart >= 0 ? fractionStart : exponentStart;
        CheckDecimalIntegerPart(token, unsigned[..integerEnd], position);

        if (fractionStart >= 0)
        {
            if (exponentStart >= 0 && exponentStart < fractionStart)
            {
                throw Invalid(token, position, "the exponent must come after the fractional part");
            }

            var fraction = unsigned[(fractionStart + 1)..(exponentStart >= 0 ? exponentStart : unsigned.Length)];
            if (CheckDigitGroup(fraction, char.IsAsciiDigit) is { } problem)
            {
                throw Invalid(token, position, $"{problem} after the decimal point");
            }
        }

        if (exponentStart >= 0)
        {
            var exponent = unsigned[(exponentStart + 1)..];
            if (exponent.Length > 0 && exponent[0] is '+' or '-')
            {
                exponent = exponent[1..];
            }

            if (CheckDigitGroup(exponent, char.IsAsciiDigit) is { } problem)
            {
                throw Invalid(token, position, $"{problem} in the exponent");
            }
        }

        return double.Parse(token.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static void CheckDecimalIntegerPart(string token, string digits, TomlPosition position)
    {
        if (CheckDigitGroup(digits, char.IsAsciiDigit) is { } problem)
        {
            throw Invalid(token, position, problem);
        }

        if (digits.Length > 1 && digits[0] == '0')
        {
            throw Invalid(token, position, "leading zeros are not allowed");
        }
    }

    /// <summary>Returns what is wrong with a run of digits that may have single underscores between digits.</summary>
    private static string? CheckDigitGroup(string digits, Func<char, bool> isDigit)
    {
        if (digits.Length == 0)
        {
            return "expected digits";
        }

        for (var i = 0; i < digits.Length; i++)
        {
            var c = digits[i];
            if (c == '_')
            {
                if (i == 0 || i == digits.Length - 1 || digits[i + 1] == '_')
                {
                    return "an underscore must be between two digits";
                }
            }
            else if (!isDigit(c))
            {
                return $"unexpected character '{c}'";
            }
        }

        return null;
    }

    private static ulong Accumulate(string token, string digits, int radix, ulong limit, TomlPosition position)
    {
        ulong value = 0;
        foreach (var c in digits)
        {
            if (c == '_')
            {
                continue;
            }

            var digit = (ulong)DigitValue(c);
            if (value > (limit - digit) / (ulong)radix)
            {
                throw Invalid(token, position, "the value does not fit in a 64-bit signed integer");
            }

            value = (value * (ulong)radix) + digit;
        }

        return value;
    }

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => int.MaxValue,
    };

    private static TomlException Invalid(string token, TomlPosition position, string reason) =>
        new(position, $"invalid number '{token}': {reason}");
}
