using System.Globalization;
using System.Text;

namespace Torii.Connectors.Prometheus.Exposition;

/// <summary>
/// Floats as OpenMetrics' "canonical numbers" want them, so that an "le" or "quantile" label reads the same
/// whoever wrote it: Go's shortest %g (exponent form below 1e-4 and from 1e6 on), with ".0" added when the
/// text would otherwise read as an integer. The text format 0.0.4 parses the same text.
/// </summary>
internal static class PrometheusNumber
{
    // Go's strconv switches to exponent form from this decimal exponent on when asked for the shortest text.
    private const int LargestFixedExponent = 5;
    private const int SmallestFixedExponent = -4;

    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        if (value == 0)
        {
            return "0.0";
        }

        (string digits, int exponent) = ShortestDigits(Math.Abs(value));
        var text = new StringBuilder();
        if (value < 0)
        {
            text.Append('-');
        }

        if (exponent < SmallestFixedExponent || exponent > LargestFixedExponent)
        {
            AppendExponentForm(text, digits, exponent);
        }
        else
        {
            AppendFixedForm(text, digits, exponent);
        }

        return text.ToString();
    }

    /// <returns>The significant digits, without leading or trailing zeros, and the decimal exponent of the first.</returns>
    private static (string Digits, int Exponent) ShortestDigits(double magnitude)
    {
        // .NET's "R" is the shortest text that reads back as the same double, as Go's is.
        string shortest = magnitude.ToString("R", CultureInfo.InvariantCulture);
        int e = shortest.IndexOfAny(['E', 'e']);
        string mantissa = e < 0 ? shortest : shortest[..e];
        int mantissaExponent = e < 0 ? 0 : int.Parse(shortest.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        int point = mantissa.IndexOf('.', StringComparison.Ordinal);
        string allDigits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        int integerDigits = (point < 0 ? mantissa.Length : point) + mantissaExponent;
        int leadingZeros = allDigits.Length - allDigits.TrimStart('0').Length;
        string digits = allDigits.Trim('0');
        return (digits, integerDigits - leadingZeros - 1);
    }

    private static void AppendExponentForm(StringBuilder text, string digits, int exponent)
    {
        text.Append(digits[0]);
        if (digits.Length > 1)
        {
            text.Append('.').Append(digits, 1, digits.Length - 1);
        }

        text.Append('e').Append(exponent < 0 ? '-' : '+');
        text.Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
    }

    private static void AppendFixedForm(StringBuilder text, string digits, int exponent)
    {
        if (exponent < 0)
        {
            text.Append("0.").Append('0', -exponent - 1).Append(digits);
            return;
        }

        int integerDigits = exponent + 1;
        if (digits.Length <= integerDigits)
        {
            text.Append(digits).Append('0', integerDigits - digits.Length).Append(".0");
            return;
        }

        text.Append(digits, 0, integerDigits).Append('.').Append(digits, integerDigits, digits.Length - integerDigits);
    }
}
