namespace Torii.Connectors.Web.Pages;

/// <summary>HTML that is already safe: built by <see cref="Html"/>, never from a value the proxy or a user gave.</summary>
internal readonly record struct Markup(string Value)
{
    public static readonly Markup Empty = new(string.Empty);

    public override string ToString() => Value;
}
