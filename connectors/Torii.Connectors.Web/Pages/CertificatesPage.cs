using System.Globalization;
using Torii.Connectors.Web.Proxy;

namespace Torii.Connectors.Web.Pages;

/// <summary>The certificates of each HTTPS listener, those expiring within 14 days flagged, and a form to add a PEM pair.</summary>
internal static class CertificatesPage
{
    public static Markup Render(PageContext context, ConsoleState state, DateTimeOffset now)
    {
        Markup table = state.Certificates.Count == 0
            ? Html.Of($"<p>No certificate.</p>")
            : Html.Of($"""
                <table class="certificates"><thead><tr><th>Listener</th><th>Names</th><th>Fingerprint</th><th>Expires (UTC)</th><th></th></tr></thead><tbody>
                {state.Certificates.Select(certificate => Row(context, certificate, now))}
                </tbody></table>
                """);
        Markup live = Html.Of($"{ProxyStatus.Render(state)}{table}");
        return Layout.Page("Certificates", "/certificates", context, live, context.IsAdmin ? Form(context, state) : Markup.Empty);
    }

    private static Markup Row(PageContext context, CertificateView certificate, DateTimeOffset now)
    {
        bool soon = certificate.ExpiresSoon(now);
        string expires = certificate.Expires?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "unknown";
        Markup flag = soon ? Html.Of($" <strong class=\"soon\">expires within 14 days</strong>") : Markup.Empty;
        return Html.Of($"""
            <tr data-fingerprint="{certificate.Fingerprint}"{(soon ? Html.Of($" class=\"expiring\"") : Markup.Empty)}><td>{certificate.Address}</td><td>{string.Join(", ", certificate.Names)}</td>
            <td class="fingerprint">{certificate.Fingerprint}</td><td>{expires}{flag}</td>
            <td>{context.ButtonForm("/certificates/remove", "Remove", ("address", certificate.Address), ("fingerprint", certificate.Fingerprint))}</td></tr>
            """);
    }

    private static Markup Form(PageContext context, ConsoleState state)
    {
        Markup listeners = Html.Join(state.Listeners.Where(listener => listener.Protocol == "HTTPS")
            .Select(listener => Html.Of($"<option value=\"{listener.Address}\">{listener.Address}</option>")));
        return Html.Of($"""
            <section class="forms">
            <form method="post" action="/certificates/add" enctype="multipart/form-data" id="add-certificate"><h2>Add a certificate</h2>{context.TokenInput}
            <label>HTTPS listener <select name="address">{listeners}</select></label>
            <label>Certificate (PEM, chain after it) <input type="file" name="certificate" accept=".pem,.crt" required></label>
            <label>Private key (PEM) <input type="file" name="key" accept=".pem,.key" required></label>
            <button type="submit">Add certificate</button></form>
            </section>
            """);
    }
}
