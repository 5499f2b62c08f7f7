namespace Torii.Protocol;

/// <summary>
/// A DNS name ("api.example.com") or a wildcard ("*.example.com"): labels of 1..63
/// characters from [A-Za-z0-9-_], 253 characters in all, and no ":port".
/// </summary>
internal static class HostnameRule
{
    public const int MaxLength = 253;
    public const int MaxLabelLength = 63;

    public static string? Required(FieldPath field, bool present, string value) =>
        present && value.Length > 0 ? Check(field, value) : $"{field} is required";

    public static string? Optional(FieldPath field, bool present, string value) =>
        present ? Check(field, value) : null;

    public static string? Check(FieldPath field, string value)
    {
        if (value.Length == 0)
        {
            return $"{field} must not be empty";
        }

        if (value.Length > MaxLength)
        {
            return $"{field} is longer than {MaxLength} characters";
        }

        if (value.Contains(':'))
        {
            return $"{field} {ValidationText.Quote(value)} must not include a port";
        }

        string name = value.StartsWith("*.", StringComparison.Ordinal) ? value[2..] : value;
        foreach (Range label in name.AsSpan().Split('.'))
        {
            string? problem = CheckLabel(name.AsSpan()[label]);
            if (problem is not null)
            {
                return $"{field} {ValidationText.Quote(value)} is not a valid hostname: {problem}";
            }
        }

        return null;
    }

    private static string? CheckLabel(ReadOnlySpan<char> label)
    {
        if (label.IsEmpty)
        {
            return "empty label";
        }

        if (label.Length > MaxLabelLength)
        {
            return $"label longer than {MaxLabelLength} characters";
        }

        foreach (char c in label)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
            {
                return c == '*' ? "'*' is only allowed as a leading \"*.\"" : "labels may only hold letters, digits, '-' and '_'";
            }
        }

        return null;
    }
}
