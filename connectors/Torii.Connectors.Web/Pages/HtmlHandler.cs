using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;

namespace Torii.Connectors.Web.Pages;

/// <summary>
/// Builds an interpolated string in which every hole is HTML-encoded unless it is <see cref="Markup"/>: a page
/// cannot forget to escape a value, since escaping is what a hole does.
/// </summary>
[InterpolatedStringHandler]
internal ref struct HtmlHandler
{
    private readonly StringBuilder _builder;

    public HtmlHandler(int literalLength, int formattedCount)
    {
        _builder = new StringBuilder(literalLength + (formattedCount * 16));
    }

    public readonly void AppendLiteral(string literal) => _builder.Append(literal);

    public readonly void AppendFormatted(Markup markup) => _builder.Append(markup.Value);

    public readonly void AppendFormatted(IEnumerable<Markup> markups)
    {
        foreach (Markup markup in markups)
        {
            _builder.Append(markup.Value);
        }
    }

    public readonly void AppendFormatted(string? text) => _builder.Append(HtmlEncoder.Default.Encode(text ?? string.Empty));

    public readonly void AppendFormatted<T>(T value)
    {
        switch (value)
        {
            case Markup markup:
                AppendFormatted(markup);
                break;
            case IEnumerable<Markup> markups:
                AppendFormatted(markups);
                break;
            default:
                _builder.Append(HtmlEncoder.Default.Encode(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty));
                break;
        }
    }

    public readonly Markup ToMarkup() => new(_builder.ToString());
}
