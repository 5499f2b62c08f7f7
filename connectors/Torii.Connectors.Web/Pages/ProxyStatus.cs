using Torii.Connectors.Web.Proxy;

namespace Torii.Connectors.Web.Pages;

internal static class ProxyStatus
{
    /// <summary>Why the page is empty when the proxy could not be read; nothing when it could.</summary>
    public static Markup Render(ConsoleState state) =>
        state.Failure is null ? Markup.Empty : Html.Of($"<p class=\"error\" role=\"alert\">The proxy cannot be read: {state.Failure}</p>");
}
