using Google.Protobuf.Collections;

namespace Torii.Protocol;

internal static class TextRules
{
    public const int MaxPathLength = 4096;
    public const int MaxTagLength = 1024;
    public const int FingerprintLength = 64;

    private static readonly string[] LogLevels = ["trace", "debug", "info", "warn", "error"];

    /// <summary>A file path: non-empty, bounded, no control characters (NUL included).</summary>
    public static string? FilePath(FieldPath field, bool present, string value)
    {
        if (!present || value.Length == 0)
        {
            return $"{field} needs a non-empty file path";
        }

        if (value.Length > MaxPathLength)
        {
            return $"{field} is longer than {MaxPathLength} characters";
        }

        return ValidationText.HasControlCharacter(value) ? $"{field} contains a control character" : null;
    }

    /// <summary>A free-form filter or label: bounded, no control characters.</summary>
    public static string? Plain(FieldPath field, bool present, string value, int maxLength)
    {
        if (!present)
        {
            return null;
        }

        if (value.Length > maxLength)
        {
            return $"{field} is longer than {maxLength} characters";
        }

        return ValidationText.HasControlCharacter(value) ? $"{field} contains a control character" : null;
    }

    /// <summary>A certificate fingerprint: SHA-256 as 64 hex digits.</summary>
    public static string? Fingerprint(FieldPath field, bool present, string value)
    {
        if (!present || value.Length == 0)
        {
            return $"{field} is required";
        }

        if (value.Length != FingerprintLength || !value.All(char.IsAsciiHexDigit))
        {
            return $"{field} {ValidationText.Quote(value)} is not a SHA-256 fingerprint ({FingerprintLength} hex digits)";
        }

        return null;
    }

    public static string? LogLevel(FieldPath field, string value) =>
        LogLevels.Contains(value, StringComparer.OrdinalIgnoreCase)
            ? null
            : $"{field} level {ValidationText.Quote(value)} is not one of {string.Join(", ", LogLevels)}";

    public static string? Tags(FieldPath field, MapField<string, string> tags)
    {
        foreach ((string key, string value) in tags)
        {
            string? problem = key.Length == 0
                ? $"{field} has an empty key"
                : Plain($"{field} key", true, key, MaxTagLength) ?? Plain($"{field}[{ValidationText.Quote(key)}]", true, value, MaxTagLength);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>Custom answers keyed by HTTP status code ("404", "503").</summary>
    public static string? Answers(FieldPath field, MapField<string, string> answers)
    {
        foreach (string status in answers.Keys)
        {
            if (status.Length != 3 || !status.All(char.IsAsciiDigit) || status[0] is < '1' or > '5')
            {
                return $"{field} key {ValidationText.Quote(status)} is not an HTTP status code (100..599)";
            }
        }

        return null;
    }
}
