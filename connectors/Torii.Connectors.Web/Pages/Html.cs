namespace Torii.Connectors.Web.Pages;

internal static class Html
{
    /// <summary><c>Html.Of($"&lt;td&gt;{clusterId}&lt;/td&gt;")</c>: the holes are encoded.</summary>
    public static Markup Of(ref HtmlHandler handler) => handler.ToMarkup();

    public static Markup Join(IEnumerable<Markup> parts) => new(string.Concat(parts.Select(part => part.Value)));
}
