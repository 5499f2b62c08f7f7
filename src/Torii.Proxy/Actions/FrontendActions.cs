using System.Text.RegularExpressions;
using Torii.Protocol;
using Torii.Proxy.Http;
using Torii.Proxy.Routing;

namespace Torii.Proxy.Actions;

/// <summary>
/// What an HTTP frontend does besides forwarding (Sōzu 2.0's routing actions): redirect,
/// authenticate, rewrite, edit headers, set HSTS. Built and checked once when the frontend is
/// added; a frontend without any has none, and its requests take the plain path.
/// </summary>
public sealed class FrontendActions
{
    private volatile ResponseEditsCache? _responseEdits;

    private FrontendActions(RequestHttpFrontend frontend, bool isHttps)
    {
        Redirect = frontend.Redirect;
        RedirectScheme = frontend.RedirectScheme;
        RequiredAuth = frontend.RequiredAuth;
        if (frontend.HasRedirectTemplate)
        {
            RedirectAnswer = ParseTemplate(frontend.RedirectTemplate);
        }

        var wildcard = frontend.Hostname.StartsWith("*.", StringComparison.Ordinal);
        PathRegex = frontend.Path?.Kind == PathRuleKind.Regex && (frontend.HasRewriteHost || frontend.HasRewritePath)
            ? new Regex(frontend.Path.Value, RegexOptions.CultureInvariant, RegexPathMatcher.MatchTimeout)
            : null;
        var maxPath = PathRegex?.GetGroupNumbers().Max() ?? 0;
        if (frontend.HasRewriteHost)
        {
            RewriteHost = RewriteTemplate.Parse("rewrite_host", frontend.RewriteHost, wildcard ? 1 : 0, maxPath);
            CheckHostLiteral(frontend.RewriteHost);
        }

        if (frontend.HasRewritePath)
        {
            RewritePath = RewriteTemplate.Parse("rewrite_path", frontend.RewritePath, wildcard ? 1 : 0, maxPath);
            if (frontend.RewritePath.Any(c => char.IsControl(c) || c is ' ' or '?' or '#'))
            {
                throw new ArgumentException($"rewrite_path '{frontend.RewritePath}' must not contain spaces, control characters, '?' or '#'");
            }
        }

        if (frontend.HasRewritePort)
        {
            RewritePort = frontend.RewritePort is >= 1 and <= 65535
                ? (int)frontend.RewritePort
                : throw new ArgumentException($"rewrite_port {frontend.RewritePort} is not a port (1-65535)");
        }

        (RequestHeaders, ResponseHeaders) = HeaderEditRules.Split(frontend.Headers);
        Hsts = HstsPolicy.From(frontend.Hsts, "hsts");
        if (Hsts is { Enabled: true } && !isHttps)
        {
            throw new ArgumentException("hsts is not allowed on an HTTP frontend: RFC 6797 §7.2 forbids Strict-Transport-Security over plain HTTP; set it on the HTTPS frontend or listener");
        }

        HeaderOnlyEdit = Rewrites || RequestHeaders.Length == 0 ? null : new RequestEdit(RequestHeaders);
    }

    public RedirectPolicy Redirect { get; }

    public RedirectScheme RedirectScheme { get; }

    /// <summary>The frontend's own redirect answer (redirect_template); null uses the cluster's, listener's or built-in one.</summary>
    public DefaultAnswer? RedirectAnswer { get; }

    public bool RequiredAuth { get; }

    public RewriteTemplate? RewriteHost { get; }

    public RewriteTemplate? RewritePath { get; }

    public int? RewritePort { get; }

    public HeaderEdit[] RequestHeaders { get; }

    public HeaderEdit[] ResponseHeaders { get; }

    /// <summary>The frontend's HSTS override; null inherits the listener's default.</summary>
    public HstsPolicy? Hsts { get; }

    /// <summary>The path regex, compiled again (without the matcher's sharing) only for rewrites that read its groups.</summary>
    public Regex? PathRegex { get; }

    public bool Rewrites => RewriteHost is not null || RewritePath is not null || RewritePort is not null;

    public bool NeedsCaptures => RewriteHost?.UsesCaptures == true || RewritePath?.UsesCaptures == true;

    public bool RedirectsWithLocation => Redirect is RedirectPolicy.Permanent or RedirectPolicy.Found or RedirectPolicy.PermanentRedirect;

    /// <summary>The request edit of a frontend that edits headers but does not rewrite: shared by all its requests.</summary>
    public RequestEdit? HeaderOnlyEdit { get; }

    /// <summary>Null when the frontend sets nothing Torii acts on; throws <see cref="ArgumentException"/> for a bad setting.</summary>
    public static FrontendActions? From(RequestHttpFrontend frontend, bool isHttps)
    {
        var any = frontend.Redirect != RedirectPolicy.Forward || frontend.RequiredAuth || frontend.HasRedirectTemplate
            || frontend.HasRewriteHost || frontend.HasRewritePath || frontend.HasRewritePort || frontend.Headers.Count > 0 || frontend.Hsts is not null;
        return any ? new FrontendActions(frontend, isHttps) : null;
    }

    /// <summary>The response edits under a listener whose default HSTS is <paramref name="listenerHsts"/>; cached, not rebuilt per request.</summary>
    public ResponseEdits? ResponseEditsFor(HstsPolicy? listenerHsts)
    {
        var cached = _responseEdits;
        if (cached is not null && ReferenceEquals(cached.ListenerHsts, listenerHsts))
        {
            return cached.Edits;
        }

        var edits = ResponseEdits.Of(ResponseHeaders, Hsts ?? listenerHsts);
        _responseEdits = new ResponseEditsCache(listenerHsts, edits);
        return edits;
    }

    public override string ToString()
    {
        var parts = new List<string>();
        if (Redirect != RedirectPolicy.Forward)
        {
            parts.Add($"redirect {Redirect}");
        }

        if (RequiredAuth)
        {
            parts.Add("auth");
        }

        if (Rewrites)
        {
            parts.Add("rewrite");
        }

        if (RequestHeaders.Length + ResponseHeaders.Length > 0)
        {
            parts.Add("headers");
        }

        if (Hsts is not null)
        {
            parts.Add($"hsts {Hsts}");
        }

        return string.Join(", ", parts);
    }

    private static DefaultAnswer ParseTemplate(string template)
    {
        try
        {
            return DefaultAnswer.Parse(template);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"redirect_template: {e.Message}", e);
        }
    }

    private static void CheckHostLiteral(string template)
    {
        if (template.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '/' or '?' or '#' or '@' or ':'))
        {
            throw new ArgumentException($"rewrite_host '{template}' must be a host name (a port goes in rewrite_port)");
        }
    }

    private sealed record ResponseEditsCache(HstsPolicy? ListenerHsts, ResponseEdits? Edits);
}
