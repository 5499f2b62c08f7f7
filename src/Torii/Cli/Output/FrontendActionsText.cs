using Torii.Protocol;

namespace Torii.Cli.Output;

/// <summary>A frontend's routing actions in a few words, for the frontends table; empty when it has none.</summary>
internal static class FrontendActionsText
{
    public static string Describe(RequestHttpFrontend frontend)
    {
        var parts = new List<string>();
        switch (frontend.Redirect)
        {
            case RedirectPolicy.Permanent or RedirectPolicy.Found or RedirectPolicy.PermanentRedirect:
                var code = frontend.Redirect switch { RedirectPolicy.Found => 302, RedirectPolicy.PermanentRedirect => 308, _ => 301 };
                parts.Add(frontend.RedirectScheme switch
                {
                    RedirectScheme.UseHttps => $"redirect {code} https",
                    RedirectScheme.UseHttp => $"redirect {code} http",
                    _ => $"redirect {code}",
                });
                break;
            case RedirectPolicy.Unauthorized:
                parts.Add("401");
                break;
        }

        if (frontend.RequiredAuth)
        {
            parts.Add("auth");
        }

        if (frontend.HasRewriteHost)
        {
            parts.Add($"host={frontend.RewriteHost}");
        }

        if (frontend.HasRewritePath)
        {
            parts.Add($"path={frontend.RewritePath}");
        }

        if (frontend.HasRewritePort)
        {
            parts.Add($"port={frontend.RewritePort}");
        }

        if (frontend.Headers.Count > 0)
        {
            parts.Add($"{frontend.Headers.Count} header edit(s)");
        }

        if (frontend.Hsts is { } hsts)
        {
            parts.Add(hsts.Enabled ? $"hsts max-age={(hsts.HasMaxAge ? hsts.MaxAge : 31_536_000)}" : "no hsts");
        }

        return string.Join(", ", parts);
    }
}
