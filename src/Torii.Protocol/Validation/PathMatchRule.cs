using System.Text.RegularExpressions;

namespace Torii.Protocol;

/// <summary>PREFIX and EQUALS values are empty or start with '/'; a REGEX must compile.</summary>
internal static class PathMatchRule
{
    public const int MaxLength = 1024;

    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    public static string? Optional(FieldPath field, PathRule? rule)
    {
        if (rule is null)
        {
            return null;
        }

        if (!Enum.IsDefined(rule.Kind))
        {
            return $"{field}.kind {(int)rule.Kind} is not a known path rule kind";
        }

        string value = rule.Value;
        if (value.Length > MaxLength)
        {
            return $"{field}.value is longer than {MaxLength} characters";
        }

        if (ValidationText.HasControlCharacter(value))
        {
            return $"{field}.value contains a control character";
        }

        return rule.Kind == PathRuleKind.Regex ? CheckRegex(field, value) : CheckLiteral(field, value);
    }

    private static string? CheckLiteral(FieldPath field, string value)
    {
        if (value.Length > 0 && value[0] != '/')
        {
            return $"{field}.value {ValidationText.Quote(value)} must be empty or start with '/'";
        }

        return value.Contains(' ') ? $"{field}.value {ValidationText.Quote(value)} contains a space" : null;
    }

    private static string? CheckRegex(FieldPath field, string value)
    {
        if (value.Length == 0)
        {
            return $"{field}.value is required for a REGEX rule";
        }

        try
        {
            _ = new Regex(value, RegexOptions.CultureInvariant, RegexTimeout);
            return null;
        }
        catch (ArgumentException exception)
        {
            return $"{field}.value is not a valid regular expression: {OneLine(exception.Message)}";
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
