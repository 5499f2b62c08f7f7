using System.Globalization;
using System.Text;
using Torii.Protocol;
using Torii.Proxy.Actions;
using Torii.Proxy.Listeners;
using Torii.Proxy.Routing;
using Torii.Proxy.Runtime;

namespace Torii.Proxy.Http;

/// <summary>
/// A frontend's routing actions, in Sōzu's order: refuse (UNAUTHORIZED, or required_auth without
/// valid credentials), then redirect (with the rewritten URL), then forward with the rewritten
/// request and the header edits. Only requests of frontends that have actions come here.
/// </summary>
public sealed partial class HttpSession
{
    private RequestEdit? _requestEdit;
    private ResponseEdits? _responseEdits;

    /// <summary>Whether the frontend decided the response edits: its "none" (HSTS disabled) must not fall back to the listener's.</summary>
    private bool _frontendDecidesResponse;
    private string? _redirectLocation;
    private string? _wwwAuthenticate;

    /// <summary>The response edits of the current request: its frontend's, else the listener's HSTS default.</summary>
    private ResponseEdits? CurrentResponseEdits => _frontendDecidesResponse ? _responseEdits : _settings.DefaultResponseEdits;

    private void ResetActions()
    {
        _requestEdit = null;
        _responseEdits = null;
        _frontendDecidesResponse = false;
        _redirectLocation = null;
        _wwwAuthenticate = null;
    }

    /// <returns>Null to go on forwarding; otherwise the request was answered here, and whether to keep the connection.</returns>
    private async ValueTask<bool?> ApplyActionsAsync(HttpRoute route, FrontendActions actions, ClusterRuntime? cluster)
    {
        _responseEdits = actions.ResponseEditsFor(_settings.Protocol == ListenerProtocol.Https ? _settings.Hsts : null);
        _frontendDecidesResponse = true;
        if (actions.Redirect == RedirectPolicy.Unauthorized || (actions.RequiredAuth && cluster?.Auth?.IsAuthorized(_request) != true))
        {
            _wwwAuthenticate = cluster?.Auth?.WwwAuthenticate ?? BasicAuthCredentials.ChallengeOf(null);
            return await RefuseAsync(401, cluster).ConfigureAwait(false);
        }

        var captures = actions.NeedsCaptures ? RouteCaptures.Of(route.Hostname, actions.PathRegex, _request.EffectiveHost, _request.Path) : null;
        var host = actions.RewriteHost?.Render(captures);
        var path = actions.RewritePath?.Render(captures);
        if (actions.RedirectsWithLocation)
        {
            var scheme = actions.RedirectScheme switch
            {
                RedirectScheme.UseHttp => "http",
                RedirectScheme.UseHttps => "https",
                _ => _settings.Scheme,
            };
            var port = actions.RewritePort ?? (scheme == "https" && cluster?.Config.HasHttpsRedirectPort == true ? (int)cluster.Config.HttpsRedirectPort : null);
            var status = actions.Redirect switch
            {
                RedirectPolicy.Found => 302,
                RedirectPolicy.PermanentRedirect => 308,
                _ => 301,
            };
            return await RedirectAsync(actions.RedirectAnswer ?? AnswerFor(status, cluster), scheme, host, port, path).ConfigureAwait(false);
        }

        _requestEdit = actions.Rewrites ? RewrittenRequest(actions, host, path) : actions.HeaderOnlyEdit;
        return null;
    }

    /// <summary>A cluster's https_redirect: the same URL over HTTPS, on its https_redirect_port when it has one.</summary>
    private async ValueTask<bool> RedirectToHttpsAsync(ClusterRuntime cluster)
    {
        int? port = cluster.Config.HasHttpsRedirectPort ? (int)cluster.Config.HttpsRedirectPort : null;
        return await RedirectAsync(AnswerFor(301, cluster), "https", host: null, port, path: null).ConfigureAwait(false);
    }

    private async ValueTask<bool> RedirectAsync(DefaultAnswer answer, string scheme, string? host, int? port, string? path)
    {
        _redirectLocation = RedirectLocation(scheme, host, port, path);
        await WriteAnswerAsync(answer, _deadline.Token).ConfigureAwait(false);
        return false;
    }

    /// <summary>
    /// scheme://host[:port]/path?query: the rewritten host and path when given, else the request's; the
    /// port given, else the request's own when the scheme stays the same; a scheme's default port is left out.
    /// </summary>
    private string RedirectLocation(string scheme, string? host, int? port, string? path)
    {
        var requestHost = _request.EffectiveHost;
        port ??= scheme == _settings.Scheme ? PortOf(requestHost) : null;
        var location = new StringBuilder(scheme).Append("://").Append(host ?? Encoding.Latin1.GetString(HostName.FromHeader(requestHost)));
        if (port is { } explicitPort && explicitPort != (scheme == "https" ? 443 : 80))
        {
            location.Append(':').Append(explicitPort.ToString(CultureInfo.InvariantCulture));
        }

        AppendPathAndQuery(location, path);
        return location.ToString();
    }

    private RequestEdit RewrittenRequest(FrontendActions actions, string? host, string? path)
    {
        byte[]? target = null;
        if (path is not null)
        {
            var text = new StringBuilder();
            AppendPathAndQuery(text, path);
            target = Encoding.UTF8.GetBytes(text.ToString());
        }

        byte[]? hostValue = null;
        if (host is not null || actions.RewritePort is not null)
        {
            var name = host ?? Encoding.Latin1.GetString(HostName.FromHeader(_request.EffectiveHost));
            hostValue = Encoding.UTF8.GetBytes(actions.RewritePort is { } port ? $"{name}:{port.ToString(CultureInfo.InvariantCulture)}" : name);
        }

        return new RequestEdit(actions.RequestHeaders, target, hostValue);
    }

    private void AppendPathAndQuery(StringBuilder output, string? path)
    {
        if (path is null)
        {
            output.Append(Encoding.Latin1.GetString(_request.Path));
        }
        else
        {
            output.Append(path.StartsWith('/') ? string.Empty : "/").Append(path);
        }

        if (!_request.Query.IsEmpty)
        {
            output.Append('?').Append(Encoding.Latin1.GetString(_request.Query));
        }
    }

    private static int? PortOf(ReadOnlySpan<byte> hostHeader)
    {
        var close = hostHeader.LastIndexOf((byte)']');
        var colon = hostHeader.LastIndexOf((byte)':');
        return colon > close && int.TryParse(hostHeader[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;
    }
}
