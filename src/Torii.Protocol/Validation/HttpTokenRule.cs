namespace Torii.Protocol;

/// <summary>RFC 9110 tokens: methods, header names, cookie names.</summary>
internal static class HttpTokenRule
{
    public const int MaxLength = 64;

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
            if (!IsTokenCharacter(c))
            {
                return $"{field} {ValidationText.Quote(value)} is not an HTTP token";
            }
        }

        return null;
    }

    public static bool IsTokenCharacter(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';
}
