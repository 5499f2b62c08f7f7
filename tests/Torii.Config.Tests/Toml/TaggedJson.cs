using System.Globalization;
using System.Text.Json;
using Torii.Config.Toml;

namespace Torii.Config.Tests.Toml;

/// <summary>
/// Compares a parsed document with toml-test's "tagged JSON", where every scalar is
/// {"type": ..., "value": "text"}. Scalars are compared as values, parsed independently with the BCL.
/// </summary>
internal static class TaggedJson
{
    /// <summary>Returns null when they match, otherwise where and how they differ.</summary>
    public static string? FindDifference(object actual, JsonElement expected, string path = "$")
    {
        if (expected.ValueKind == JsonValueKind.Array)
        {
            return CompareArray(actual, expected, path);
        }

        if (expected.ValueKind != JsonValueKind.Object)
        {
            return $"{path}: unexpected JSON {expected.ValueKind} in the expected file";
        }

        return IsTagged(expected)
            ? CompareScalar(actual, expected.GetProperty("type").GetString()!, expected.GetProperty("value").GetString()!, path)
            : CompareTable(actual, expected, path);
    }

    private static bool IsTagged(JsonElement element)
    {
        var properties = element.EnumerateObject().ToList();
        return properties.Count == 2
            && element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            && element.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String;
    }

    private static string? CompareArray(object actual, JsonElement expected, string path)
    {
        if (actual is not TomlArray array)
        {
            return $"{path}: expected an array, got {Describe(actual)}";
        }

        if (array.Count != expected.GetArrayLength())
        {
            return $"{path}: expected {expected.GetArrayLength()} items, got {array.Count}";
        }

        var index = 0;
        foreach (var item in expected.EnumerateArray())
        {
            if (FindDifference(array[index], item, $"{path}[{index}]") is { } difference)
            {
                return difference;
            }

            index++;
        }

        return null;
    }

    private static string? CompareTable(object actual, JsonElement expected, string path)
    {
        if (actual is not TomlTable table)
        {
            return $"{path}: expected a table, got {Describe(actual)}";
        }

        var expectedKeys = expected.EnumerateObject().Select(property => property.Name).Order(StringComparer.Ordinal).ToList();
        var actualKeys = table.Keys.Order(StringComparer.Ordinal).ToList();
        if (!expectedKeys.SequenceEqual(actualKeys))
        {
            return $"{path}: expected keys [{string.Join(", ", expectedKeys)}], got [{string.Join(", ", actualKeys)}]";
        }

        foreach (var property in expected.EnumerateObject())
        {
            if (FindDifference(table[property.Name], property.Value, $"{path}.{property.Name}") is { } difference)
            {
                return difference;
            }
        }

        return null;
    }

    private static string? CompareScalar(object actual, string type, string text, string path)
    {
        var matches = type switch
        {
            "string" => actual is string value && value == text,
            "integer" => actual is long value && value == long.Parse(text, CultureInfo.InvariantCulture),
            "float" => actual is double value && FloatEquals(value, text),
            "bool" => actual is bool value && value == bool.Parse(text),
            "datetime" => actual is TomlOffsetDateTime value && OffsetDateTimeEquals(value, text),
            "datetime-local" => actual is TomlLocalDateTime value
                && value.ToDateTime() == DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            "date-local" => actual is TomlLocalDate value
                && value.ToDateOnly() == DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            "time-local" => actual is TomlLocalTime value
                && value.ToTimeSpan() == TimeOnly.Parse(text, CultureInfo.InvariantCulture).ToTimeSpan(),
            _ => false,
        };

        return matches ? null : $"{path}: expected {type} {text}, got {Describe(actual)}";
    }

    private static bool FloatEquals(double actual, string text) => text switch
    {
        "nan" or "+nan" or "-nan" => double.IsNaN(actual),
        "inf" or "+inf" => double.IsPositiveInfinity(actual),
        "-inf" => double.IsNegativeInfinity(actual),
        _ => actual.Equals(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)),
    };

    private static bool OffsetDateTimeEquals(TomlOffsetDateTime actual, string text)
    {
        var expected = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        var converted = actual.ToDateTimeOffset();
        return converted == expected && converted.Offset == expected.Offset;
    }

    private static string Describe(object value) => value switch
    {
        TomlTable => "a table",
        TomlArray => "an array",
        _ => $"{value.GetType().Name} {value}",
    };
}
