using System.Text.RegularExpressions;
using Torii.Protocol;

namespace Torii.Config.Loading;

/// <summary>
/// Reads a frontend of an http cluster into add_http_frontend, or add_https_frontend when it is on an
/// https listener; a frontend with its own certificate is preceded by an add_certificate request.
/// </summary>
internal static class HttpFrontendReader
{
    private static readonly string[] Keys =
        ["address", "hostname", "path", "path_type", "method", "tags", "position", "redirect", .. FrontendActionsReader.Keys, .. CertificateReader.Keys];

    public static IEnumerable<ConfigRequest> Read(string clusterId, ConfigSection section, IReadOnlyList<DeclaredListener> listeners, ConfigFileReader files)
    {
        section.CheckKeys(Keys);
        var listener = ListenerLookup.Find(section, listeners);
        if (listener.Type == ListenerType.Tcp)
        {
            throw section.ErrorAt(
                "address",
                $"{listener.Address} is a tcp listener, but cluster '{clusterId}' is an http cluster: its frontends need an http or https listener");
        }

        var address = SocketAddressText.ToProto(listener.Address);
        var certificate = ReadCertificate(section, listener, files);
        var frontend = new RequestHttpFrontend
        {
            ClusterId = clusterId,
            Address = address,
            Hostname = ReadHostname(section),
            Path = ReadPath(section),
            Position = ConfigChoices.Position.Read(section, "position") ?? RulePosition.Tree,
        };
        if (section.NonEmptyString("method") is { } method)
        {
            frontend.Method = method;
        }

        if (ConfigChoices.Redirect.Read(section, "redirect") is { } redirect)
        {
            frontend.Redirect = redirect;
        }

        FrontendActionsReader.Read(section, frontend, listener.Type);
        foreach (var (key, value, _) in section.StringTable("tags") ?? [])
        {
            frontend.Tags[key] = value;
        }

        if (certificate is not null)
        {
            yield return new ConfigRequest(
                new Request { AddCertificate = new AddCertificate { Address = address.Clone(), Certificate = certificate } },
                section.Position);
        }

        yield return new ConfigRequest(
            listener.Type == ListenerType.Https
                ? new Request { AddHttpsFrontend = frontend }
                : new Request { AddHttpFrontend = frontend },
            section.Position);
    }

    private static CertificateAndKey? ReadCertificate(ConfigSection section, DeclaredListener listener, ConfigFileReader files)
    {
        var versions = CertificateReader.ReadVersions(section);
        if (section.Has("certificate") && listener.Type != ListenerType.Https)
        {
            throw section.ErrorAt(
                "certificate",
                $"this frontend has a certificate but {listener.Address} is an {listener.Type.ToString().ToLowerInvariant()} listener; certificates need an https listener");
        }

        var certificate = CertificateReader.Read(section, files);
        if (certificate is null)
        {
            return versions is null
                ? null
                : throw section.ErrorAt("tls_versions", "'tls_versions' of a frontend applies to its certificate: give 'certificate' and 'key' too");
        }

        certificate.Versions.AddRange(versions ?? []);
        return certificate;
    }

    private static string ReadHostname(ConfigSection section)
    {
        var hostname = section.RequiredString("hostname");
        return hostname.Any(char.IsWhiteSpace) || hostname.Contains('/', StringComparison.Ordinal)
            ? throw section.ErrorAt("hostname", $"invalid hostname '{hostname}': expected a host name such as example.com or *.example.com")
            : hostname;
    }

    private static PathRule ReadPath(ConfigSection section)
    {
        var path = section.String("path");
        var kind = ConfigChoices.PathType.Read(section, "path_type");
        if (path is null)
        {
            // Like Sōzu: no path is an empty prefix, which matches every path.
            return kind is null
                ? new PathRule { Kind = PathRuleKind.Prefix, Value = "" }
                : throw section.ErrorAt("path_type", "'path_type' needs 'path'");
        }

        if (kind == PathRuleKind.Regex)
        {
            CheckRegex(section, path);
        }

        return new PathRule { Kind = kind ?? PathRuleKind.Prefix, Value = path };
    }

    private static void CheckRegex(ConfigSection section, string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException error)
        {
            throw section.ErrorAt("path", $"invalid regular expression for 'path': {error.Message}", error);
        }
    }
}
