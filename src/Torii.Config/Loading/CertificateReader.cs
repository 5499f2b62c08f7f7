using Torii.Protocol;

namespace Torii.Config.Loading;

/// <summary>Reads the TLS keys shared by https listeners and frontends: PEM file paths and TLS versions.</summary>
internal static class CertificateReader
{
    public static readonly string[] Keys = ["certificate", "key", "certificate_chain", "tls_versions"];

    /// <summary>The certificate, key and chain file contents, or null when no certificate is given.</summary>
    public static CertificateAndKey? Read(ConfigSection section, ConfigFileReader files)
    {
        if (section.Has("certificate") != section.Has("key"))
        {
            var present = section.Has("certificate") ? "certificate" : "key";
            var missing = present == "certificate" ? "key" : "certificate";
            throw section.ErrorAt(present, $"'{present}' needs '{missing}' in {section.Description}: give both PEM files or neither");
        }

        if (!section.Has("certificate"))
        {
            return section.Has("certificate_chain")
                ? throw section.ErrorAt("certificate_chain", $"'certificate_chain' needs 'certificate' and 'key' in {section.Description}")
                : null;
        }

        var certificate = new CertificateAndKey
        {
            Certificate = files.ReadText(section, "certificate")!,
            Key = files.ReadText(section, "key")!,
        };

        if (files.ReadText(section, "certificate_chain") is { } chain)
        {
            var blocks = PemChain.Split(chain);
            certificate.CertificateChain.AddRange(blocks.Count > 0
                ? blocks
                : throw section.ErrorAt("certificate_chain", "no PEM certificate (-----BEGIN CERTIFICATE-----) found in the file given for 'certificate_chain'"));
        }

        return certificate;
    }

    /// <summary>The tls_versions list, or null when absent.</summary>
    public static List<TlsVersion>? ReadVersions(ConfigSection section)
    {
        if (section.StringList("tls_versions") is not { } names)
        {
            return null;
        }

        return names.Count > 0
            ? names.Select(name => ConfigChoices.TlsVersion.Parse(name.Value, name.Position, "tls_versions")).ToList()
            : throw section.ErrorAt("tls_versions", "'tls_versions' must list at least one version");
    }
}
