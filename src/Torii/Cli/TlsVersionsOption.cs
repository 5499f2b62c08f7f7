using System.CommandLine;
using Torii.Protocol;

namespace Torii.Cli;

/// <summary>`--tls-versions TLS_V1_2 TLS_V1_3`: Sōzu's names for the protocol versions to offer.</summary>
internal static class TlsVersionsOption
{
    private static readonly Dictionary<string, TlsVersion> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SSL_V2"] = TlsVersion.SslV2,
        ["SSL_V3"] = TlsVersion.SslV3,
        ["TLS_V1_0"] = TlsVersion.TlsV10,
        ["TLS_V1_1"] = TlsVersion.TlsV11,
        ["TLS_V1_2"] = TlsVersion.TlsV12,
        ["TLS_V1_3"] = TlsVersion.TlsV13,
    };

    public static Option<string[]> Create() => new("--tls-versions")
    {
        Description = "TLS versions to offer: TLS_V1_2, TLS_V1_3 (the proxy's default when absent)",
        HelpName = "VERSION",
        AllowMultipleArgumentsPerToken = true,
    };

    /// <exception cref="CommandLineException">A name is not a TLS version.</exception>
    public static IEnumerable<TlsVersion> Read(ParseResult parseResult, Option<string[]> option) =>
        (parseResult.GetValue(option) ?? []).Select(name => ByName.TryGetValue(name, out TlsVersion version)
            ? version
            : throw new CommandLineException($"{option.Name} \"{name}\" is not one of TLS_V1_2, TLS_V1_3 (or SSL_V2, SSL_V3, TLS_V1_0, TLS_V1_1)"));
}
