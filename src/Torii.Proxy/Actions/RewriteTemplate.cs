using System.Text;
using Torii.Proxy.Routing;

namespace Torii.Proxy.Actions;

/// <summary>
/// A rewrite_host or rewrite_path value: literal text with $HOST[n] and $PATH[n] placeholders
/// filled from the request's <see cref="RouteCaptures"/>. Parsed and bounds-checked once, when
/// the frontend is added.
/// </summary>
public sealed class RewriteTemplate
{
    private readonly (string? Literal, bool IsHost, int Index)[] _parts;

    private RewriteTemplate(string text, (string?, bool, int)[] parts)
    {
        Text = text;
        _parts = parts;
    }

    public string Text { get; }

    /// <summary>Parses a template; throws <see cref="ArgumentException"/> for a placeholder the frontend cannot fill.</summary>
    /// <param name="maxHostIndex">1 for a wildcard hostname, else 0.</param>
    /// <param name="maxPathIndex">The regex's highest group number, else 0.</param>
    public static RewriteTemplate Parse(string field, string text, int maxHostIndex, int maxPathIndex)
    {
        var parts = new List<(string?, bool, int)>();
        var literal = new StringBuilder();
        var position = 0;
        while (position < text.Length)
        {
            var isHost = string.CompareOrdinal(text, position, "$HOST[", 0, 6) == 0;
            if (!isHost && string.CompareOrdinal(text, position, "$PATH[", 0, 6) != 0)
            {
                literal.Append(text[position++]);
                continue;
            }

            var close = text.IndexOf(']', position + 6);
            if (close < 0 || !int.TryParse(text.AsSpan(position + 6, close - position - 6), System.Globalization.NumberStyles.None, null, out var index))
            {
                throw new ArgumentException($"{field}: '{text}' has a placeholder without a number, e.g. $HOST[1] or $PATH[0]");
            }

            var max = isHost ? maxHostIndex : maxPathIndex;
            if (index > max)
            {
                var name = isHost ? "HOST" : "PATH";
                throw new ArgumentException($"{field}: ${name}[{index}] does not exist for this frontend (its highest is ${name}[{max}])");
            }

            if (literal.Length > 0)
            {
                parts.Add((literal.ToString(), false, 0));
                literal.Clear();
            }

            parts.Add((null, isHost, index));
            position = close + 1;
        }

        if (literal.Length > 0)
        {
            parts.Add((literal.ToString(), false, 0));
        }

        return new RewriteTemplate(text, [.. parts]);
    }

    public bool UsesCaptures => _parts.Any(part => part.Literal is null);

    public string Render(RouteCaptures? captures)
    {
        var output = new StringBuilder();
        foreach (var (literal, isHost, index) in _parts)
        {
            output.Append(literal ?? (isHost ? captures!.Host[index] : captures!.Path[index]));
        }

        return output.ToString();
    }

    public override string ToString() => Text;
}
