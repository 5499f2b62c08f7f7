using System.Globalization;

namespace Torii.Bench;

/// <summary>"--key value" pairs of a verb.</summary>
public sealed class Arguments
{
    private readonly Dictionary<string, string> _values;

    private Arguments(Dictionary<string, string> values) => _values = values;

    public static Arguments Parse(ReadOnlySpan<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"expected '--key value', got '{args[i]}'");
            }

            values[args[i][2..]] = args[i + 1];
        }

        return new Arguments(values);
    }

    public string Text(string key) =>
        _values.TryGetValue(key, out var value) ? value : throw new ArgumentException($"--{key} is required");

    public string Text(string key, string fallback) => _values.GetValueOrDefault(key, fallback);

    public int Int(string key) => ParseInt(key, Text(key));

    public int Int(string key, int fallback) => _values.TryGetValue(key, out var value) ? ParseInt(key, value) : fallback;

    public double Double(string key) =>
        double.TryParse(Text(key), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"--{key} must be a number");

    public IReadOnlyList<int> Ints(string key) =>
        [.. Text(key).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(part => ParseInt(key, part))];

    private static int ParseInt(string key, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"--{key} must be an integer, got '{text}'");
}
