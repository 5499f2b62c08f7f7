namespace Torii.Connectors.Web.Pages;

/// <summary>What every page needs besides its data: who is looking, the anti-forgery token its forms carry, and the outcome of the last change.</summary>
internal sealed record PageContext(string UserName, bool IsAdmin, string AntiforgeryField, string AntiforgeryToken, string? Message, string? Error)
{
    /// <summary>The hidden input every form that changes something carries.</summary>
    public Markup TokenInput => Html.Of($"<input type=\"hidden\" name=\"{AntiforgeryField}\" value=\"{AntiforgeryToken}\">");

    /// <summary>A one-button form posting <paramref name="fields"/> to <paramref name="action"/>; nothing for a read-only user.</summary>
    public Markup ButtonForm(string action, string label, params (string Name, string Value)[] fields)
    {
        if (!IsAdmin)
        {
            return Markup.Empty;
        }

        IEnumerable<Markup> hidden = fields.Select(field => Html.Of($"<input type=\"hidden\" name=\"{field.Name}\" value=\"{field.Value}\">"));
        return Html.Of($"<form method=\"post\" action=\"{action}\" class=\"inline\">{TokenInput}{hidden}<button type=\"submit\">{label}</button></form>");
    }
}
