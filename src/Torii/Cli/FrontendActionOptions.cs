using System.CommandLine;
using Torii.Protocol;

namespace Torii.Cli;

/// <summary>The routing-action options of `torii frontend http|https add`: redirect, rewrite, auth, headers, HSTS.</summary>
internal sealed class FrontendActionOptions
{
    private static readonly Dictionary<string, RedirectPolicy> Redirects = new(StringComparer.Ordinal)
    {
        ["forward"] = RedirectPolicy.Forward,
        ["permanent"] = RedirectPolicy.Permanent,
        ["found"] = RedirectPolicy.Found,
        ["permanent-redirect"] = RedirectPolicy.PermanentRedirect,
        ["unauthorized"] = RedirectPolicy.Unauthorized,
    };

    private static readonly Dictionary<string, RedirectScheme> Schemes = new(StringComparer.Ordinal)
    {
        ["use-same"] = RedirectScheme.UseSame,
        ["use-http"] = RedirectScheme.UseHttp,
        ["use-https"] = RedirectScheme.UseHttps,
    };

    private static readonly Dictionary<string, HeaderPosition> Positions = new(StringComparer.Ordinal)
    {
        ["request"] = HeaderPosition.Request,
        ["response"] = HeaderPosition.Response,
        ["both"] = HeaderPosition.Both,
    };

    private readonly Option<string?> _redirect = new("--redirect") { Description = "Answer instead of forwarding: permanent (301), found (302), permanent-redirect (308), unauthorized (401)", HelpName = "POLICY" };
    private readonly Option<string?> _redirectScheme = new("--redirect-scheme") { Description = "Scheme of the redirect's Location: use-same, use-http, use-https", HelpName = "SCHEME" };
    private readonly Option<FileInfo?> _redirectTemplate = new("--redirect-template") { Description = "File holding the redirect's answer (an HTTP response; %REDIRECT_LOCATION and other variables)", HelpName = "FILE" };
    private readonly Option<string?> _rewriteHost = new("--rewrite-host") { Description = "Host the backend or redirect sees; $HOST[n] and $PATH[n] use the match's captures", HelpName = "TEMPLATE" };
    private readonly Option<string?> _rewritePath = new("--rewrite-path") { Description = "Path the backend or redirect sees; $HOST[n] and $PATH[n] use the match's captures", HelpName = "TEMPLATE" };
    private readonly Option<int?> _rewritePort = new("--rewrite-port") { Description = "Port of the rewritten URL", HelpName = "PORT" };
    private readonly Option<bool> _requiredAuth = new("--required-auth") { Description = "Require HTTP Basic credentials from the cluster's authorized hashes" };
    private readonly Option<string[]> _headers = new("--header") { Description = "Set (or, with an empty value, delete) a header: request|response|both:NAME=VALUE; repeatable", HelpName = "WHERE:NAME=VALUE", AllowMultipleArgumentsPerToken = false };
    private readonly Option<uint?> _hstsMaxAge = new("--hsts-max-age") { Description = "Send Strict-Transport-Security with this max-age (HTTPS only)", HelpName = "SECONDS" };
    private readonly Option<bool> _hstsIncludeSubdomains = new("--hsts-include-subdomains") { Description = "Add includeSubDomains to HSTS" };
    private readonly Option<bool> _hstsPreload = new("--hsts-preload") { Description = "Add preload to HSTS" };
    private readonly Option<bool> _hstsForceReplace = new("--hsts-force-replace-backend") { Description = "Replace a backend's own Strict-Transport-Security" };
    private readonly Option<bool> _hstsDisabled = new("--hsts-disabled") { Description = "No HSTS on this frontend, even if its listener has a default" };

    public FrontendActionOptions()
    {
        _redirect.AcceptOnlyFromAmong([.. Redirects.Keys]);
        _redirectScheme.AcceptOnlyFromAmong([.. Schemes.Keys]);
    }

    public void AddTo(Command command)
    {
        Option[] options = [_redirect, _redirectScheme, _redirectTemplate, _rewriteHost, _rewritePath, _rewritePort, _requiredAuth, _headers,
            _hstsMaxAge, _hstsIncludeSubdomains, _hstsPreload, _hstsForceReplace, _hstsDisabled];
        foreach (var option in options)
        {
            command.Options.Add(option);
        }
    }

    public void Apply(ParseResult parseResult, RequestHttpFrontend frontend)
    {
        if (parseResult.GetValue(_redirect) is { } redirect)
        {
            frontend.Redirect = Redirects[redirect];
        }

        if (parseResult.GetValue(_redirectScheme) is { } scheme)
        {
            frontend.RedirectScheme = Schemes[scheme];
        }

        if (parseResult.GetValue(_redirectTemplate) is { } template)
        {
            frontend.RedirectTemplate = File.Exists(template.FullName)
                ? File.ReadAllText(template.FullName)
                : throw new CommandLineException($"--redirect-template: no file {template.FullName}");
        }

        if (parseResult.GetValue(_rewriteHost) is { } host)
        {
            frontend.RewriteHost = host;
        }

        if (parseResult.GetValue(_rewritePath) is { } path)
        {
            frontend.RewritePath = path;
        }

        if (OptionValues.Bounded(parseResult, _rewritePort, 1, 65535, "a port") is { } port)
        {
            frontend.RewritePort = port;
        }

        if (parseResult.GetValue(_requiredAuth))
        {
            frontend.RequiredAuth = true;
        }

        foreach (var header in parseResult.GetValue(_headers) ?? [])
        {
            frontend.Headers.Add(ParseHeader(header));
        }

        if (Hsts(parseResult) is { } hsts)
        {
            frontend.Hsts = hsts;
        }
    }

    private HstsConfig? Hsts(ParseResult parseResult)
    {
        var maxAge = parseResult.GetValue(_hstsMaxAge);
        var includeSubdomains = parseResult.GetValue(_hstsIncludeSubdomains);
        var preload = parseResult.GetValue(_hstsPreload);
        var force = parseResult.GetValue(_hstsForceReplace);
        var enabling = maxAge is not null || includeSubdomains || preload || force;
        if (parseResult.GetValue(_hstsDisabled))
        {
            return enabling
                ? throw new CommandLineException("--hsts-disabled cannot be combined with the other --hsts-* options")
                : new HstsConfig { Enabled = false };
        }

        if (!enabling)
        {
            return null;
        }

        var config = new HstsConfig { Enabled = true, IncludeSubdomains = includeSubdomains, Preload = preload, ForceReplaceBackend = force };
        if (maxAge is { } seconds)
        {
            config.MaxAge = seconds;
        }

        return config;
    }

    private static Header ParseHeader(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (colon <= 0 || equals <= colon + 1 || !Positions.TryGetValue(text[..colon], out var position))
        {
            throw new CommandLineException($"--header '{text}': expected request|response|both:NAME=VALUE (an empty VALUE deletes the header)");
        }

        return new Header { Position = position, Key = text[(colon + 1)..equals], Val = text[(equals + 1)..] };
    }
}
