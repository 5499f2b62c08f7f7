using System.Text;

namespace Torii.Proxy.Http.Answers;

/// <summary>
/// One line or body of an answer template, split once into literal text and %VARIABLES.
/// A '%' not followed by a known name stays literal ("100%", "%C3%A9"), but a long capitalised
/// name that is not known is refused, so a misspelt variable is caught when the answer is loaded.
/// </summary>
public sealed class TemplateText
{
    // Shorter runs are percent-encoded bytes or prose, never meant as a variable.
    private const int MinUnknownNameLength = 4;

    private readonly (string? Literal, AnswerVariable Variable)[] _parts;

    private TemplateText((string?, AnswerVariable)[] parts) => _parts = parts;

    public bool HasVariables => _parts.Any(part => part.Literal is null);

    public bool Uses(AnswerVariable variable) => _parts.Any(part => part.Literal is null && part.Variable == variable);

    /// <summary>Throws <see cref="FormatException"/> naming an unknown variable.</summary>
    public static TemplateText Parse(string text)
    {
        var parts = new List<(string?, AnswerVariable)>();
        var literal = new StringBuilder();
        var position = 0;
        while (position < text.Length)
        {
            var c = text[position];
            var end = position + 1;
            while (c == '%' && end < text.Length && (char.IsAsciiLetterUpper(text[end]) || text[end] == '_'))
            {
                end++;
            }

            var name = c == '%' ? text[(position + 1)..end] : string.Empty;
            if (name.Length == 0)
            {
                literal.Append(c);
                position++;
                continue;
            }

            if (!AnswerVariableNames.ByName.TryGetValue(name, out var variable))
            {
                if (name.Length >= MinUnknownNameLength)
                {
                    throw new FormatException($"unknown template variable %{name}; known variables: {AnswerVariableNames.Known}");
                }

                literal.Append(text, position, end - position);
                position = end;
                continue;
            }

            if (literal.Length > 0)
            {
                parts.Add((literal.ToString(), default));
                literal.Clear();
            }

            parts.Add((null, variable));
            position = end;
        }

        if (literal.Length > 0)
        {
            parts.Add((literal.ToString(), default));
        }

        return new TemplateText([.. parts]);
    }

    /// <param name="escape">Makes a value safe where it lands: a header line or an HTML body.</param>
    public void Render(StringBuilder output, AnswerVariables values, Func<string, string> escape, bool inBody)
    {
        foreach (var (literal, variable) in _parts)
        {
            if (literal is not null)
            {
                output.Append(literal);
            }
            else if (!(inBody && variable == AnswerVariable.WwwAuthenticate))
            {
                output.Append(escape(values.ValueOf(variable)));
            }
        }
    }
}
