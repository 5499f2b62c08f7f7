namespace Torii.Config.Loading;

/// <summary>
/// A setting with a fixed set of names, matched ignoring case and the separators '_', '-', '.' and spaces,
/// so "ROUND_ROBIN", "round_robin" and "RoundRobin" all mean the same.
/// </summary>
internal sealed class ConfigChoice<T>(params (string Name, T Value)[] choices)
    where T : struct
{
    /// <summary>The names shown in messages: the first spelling listed for each value.</summary>
    private readonly string _expected = string.Join(", ", choices.DistinctBy(choice => choice.Value).Select(choice => choice.Name));

    public T? Read(ConfigSection section, string key) =>
        section.NonEmptyString(key) is { } text ? Parse(text, section.ValuePosition(key), key) : null;

    public T Parse(string text, ConfigPosition position, string key)
    {
        var normalized = Normalize(text);
        foreach (var (name, value) in choices)
        {
            if (Normalize(name) == normalized)
            {
                return value;
            }
        }

        throw new ConfigException(position, $"unknown {key} '{text}'; expected one of {_expected}");
    }

    private static string Normalize(string text) =>
        new(text.Where(c => c is not ('_' or '-' or '.' or ' ')).Select(char.ToUpperInvariant).ToArray());
}
