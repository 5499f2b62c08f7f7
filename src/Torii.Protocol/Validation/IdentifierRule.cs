namespace Torii.Protocol;

/// <summary>Cluster, backend and sticky ids: 1..255 characters, no whitespace or control characters.</summary>
internal static class IdentifierRule
{
    public const int MaxLength = 255;

    public static string? Required(FieldPath field, bool present, string value) =>
        present ? Check(field, value) : $"{field} is required";

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

        foreach (char c in value)
        {
            if (char.IsControl(c))
            {
                return $"{field} {ValidationText.Quote(value)} contains a control character";
            }

            if (char.IsWhiteSpace(c))
            {
                return $"{field} {ValidationText.Quote(value)} contains whitespace";
            }
        }

        return null;
    }
}
