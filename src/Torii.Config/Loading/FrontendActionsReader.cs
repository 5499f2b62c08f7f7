using Torii.Protocol;

namespace Torii.Config.Loading;

/// <summary>
/// A frontend's routing actions, with Sōzu's keys: redirect_scheme, redirect_template,
/// rewrite_host, rewrite_path, rewrite_port, required_auth, [[headers]] and [hsts].
/// </summary>
internal static class FrontendActionsReader
{
    public static readonly string[] Keys =
        ["redirect_scheme", "redirect_template", "rewrite_host", "rewrite_path", "rewrite_port", "required_auth", "headers", HstsReader.Key];

    private static readonly string[] HeaderKeys = ["position", "key", "value", "val"];

    private static readonly ConfigChoice<RedirectScheme> Schemes = new(
        ("use-same", RedirectScheme.UseSame),
        ("use-http", RedirectScheme.UseHttp),
        ("use-https", RedirectScheme.UseHttps));

    private static readonly ConfigChoice<HeaderPosition> Positions = new(
        ("request", HeaderPosition.Request),
        ("response", HeaderPosition.Response),
        ("both", HeaderPosition.Both));

    public static void Read(ConfigSection section, RequestHttpFrontend frontend, ListenerType listenerType)
    {
        if (Schemes.Read(section, "redirect_scheme") is { } scheme)
        {
            frontend.RedirectScheme = scheme;
        }

        if (section.String("redirect_template") is { } template)
        {
            frontend.RedirectTemplate = template;
        }

        if (section.NonEmptyString("rewrite_host") is { } host)
        {
            frontend.RewriteHost = host;
        }

        if (section.NonEmptyString("rewrite_path") is { } path)
        {
            frontend.RewritePath = path;
        }

        if (section.Int32("rewrite_port", 1, 65535) is { } port)
        {
            frontend.RewritePort = (uint)port;
        }

        if (section.Bool("required_auth") is { } requiredAuth)
        {
            frontend.RequiredAuth = requiredAuth;
        }

        foreach (var header in section.Sections("headers", index => $"header #{index + 1} of {section.Description}"))
        {
            frontend.Headers.Add(ReadHeader(header));
        }

        if (HstsReader.Read(section) is { } hsts)
        {
            if (hsts.Enabled && listenerType != ListenerType.Https)
            {
                throw section.ErrorAt(HstsReader.Key, "hsts is not allowed on a frontend of an http listener: RFC 6797 §7.2 forbids Strict-Transport-Security over plain HTTP");
            }

            frontend.Hsts = hsts;
        }
    }

    private static Header ReadHeader(ConfigSection section)
    {
        section.CheckKeys(HeaderKeys);
        var position = Positions.Read(section, "position")
            ?? throw new ConfigException(section.Position, $"{section.Description} needs 'position' (request, response or both)");
        var value = section.String("value") ?? section.String("val")
            ?? throw new ConfigException(section.Position, $"{section.Description} needs 'value' (an empty value deletes the header)");
        return new Header { Position = position, Key = section.RequiredString("key"), Val = value };
    }
}
