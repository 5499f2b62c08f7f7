using System.CommandLine;
using Torii.Protocol;

namespace Torii.Cli;

/// <summary>`torii certificate add|replace|remove|list`: the certificates an HTTPS listener serves by SNI.</summary>
internal static class CertificateCommands
{
    public static Command Create(CommonOptions common) =>
        new("certificate", "Add, replace, remove and list the certificates of HTTPS listeners")
        {
            CreateAdd(common),
            CreateReplace(common),
            CreateRemove(common),
            CreateList(common),
        };

    private static RequestCommand CreateAdd(CommonOptions common)
    {
        var address = AddressOption();
        var files = new CertificateFileOptions("", required: true, "the certificate");
        var versions = TlsVersionsOption.Create();
        var command = new RequestCommand("add", "Add a certificate to an HTTPS listener; it is served to the names it holds", common, parseResult =>
        {
            CertificateAndKey certificate = files.ReadRequired(parseResult);
            certificate.Versions.AddRange(TlsVersionsOption.Read(parseResult, versions));
            return [new Request
            {
                AddCertificate = new AddCertificate { Address = OptionValues.RequiredAddress(parseResult, address), Certificate = certificate },
            }];
        })
        {
            address,
        };
        files.AddTo(command);
        command.Options.Add(versions);
        return command;
    }

    private static RequestCommand CreateReplace(CommonOptions common)
    {
        var address = AddressOption();
        var files = new CertificateFileOptions("new-", required: true, "the new certificate");
        var oldCertificate = new Option<string?>("--old-certificate") { Description = "PEM file of the certificate to replace", HelpName = "FILE" };
        var oldFingerprint = new Option<string?>("--old-fingerprint", "--fingerprint")
        {
            Description = "Fingerprint (SHA-256, hex) of the certificate to replace",
            HelpName = "F",
        };
        var versions = TlsVersionsOption.Create();
        var command = new RequestCommand(
            "replace",
            "Swap a certificate for a new one at once: open connections keep the old, new handshakes get the new",
            common,
            parseResult =>
            {
                CertificateAndKey certificate = files.ReadRequired(parseResult);
                certificate.Versions.AddRange(TlsVersionsOption.Read(parseResult, versions));
                return [new Request
                {
                    ReplaceCertificate = new ReplaceCertificate
                    {
                        Address = OptionValues.RequiredAddress(parseResult, address),
                        NewCertificate = certificate,
                        OldFingerprint = Fingerprint(parseResult, oldCertificate, oldFingerprint),
                    },
                }];
            })
        {
            address, oldCertificate, oldFingerprint,
        };
        files.AddTo(command);
        command.Options.Add(versions);
        return command;
    }

    private static RequestCommand CreateRemove(CommonOptions common)
    {
        var address = AddressOption();
        var certificate = new Option<string?>("--certificate") { Description = "PEM file of the certificate to remove", HelpName = "FILE" };
        var fingerprint = new Option<string?>("--fingerprint") { Description = "Fingerprint (SHA-256, hex) of the certificate to remove", HelpName = "F" };
        return new RequestCommand("remove", "Remove a certificate from an HTTPS listener; open connections keep it", common, parseResult =>
            [new Request
            {
                RemoveCertificate = new RemoveCertificate
                {
                    Address = OptionValues.RequiredAddress(parseResult, address),
                    Fingerprint = Fingerprint(parseResult, certificate, fingerprint),
                },
            }])
        {
            address, certificate, fingerprint,
        };
    }

    private static RequestCommand CreateList(CommonOptions common)
    {
        var domain = new Option<string?>("--domain") { Description = "Only certificates served for this name", HelpName = "D" };
        var fingerprint = new Option<string?>("--fingerprint") { Description = "Only the certificate with this fingerprint", HelpName = "F" };
        return new RequestCommand("list", "List certificates: listener address, domain and fingerprint", common, parseResult =>
        {
            var filters = new QueryCertificatesFilters();
            if (parseResult.GetValue(domain) is string givenDomain)
            {
                filters.Domain = givenDomain;
            }

            if (parseResult.GetValue(fingerprint) is string givenFingerprint)
            {
                filters.Fingerprint = CertificateFingerprint.Normalize(givenFingerprint);
            }

            return [new Request { QueryCertificatesFromTheState = filters }];
        })
        {
            domain, fingerprint,
        };
    }

    /// <summary>A certificate is named either by its file or by its fingerprint; exactly one must be given.</summary>
    private static string Fingerprint(ParseResult parseResult, Option<string?> certificateFile, Option<string?> fingerprint)
    {
        string? path = parseResult.GetValue(certificateFile);
        string? given = parseResult.GetValue(fingerprint);
        return (path, given) switch
        {
            (string file, null) => CertificateFingerprint.Of(certificateFile.Name, PemFiles.ReadCertificates(certificateFile.Name, file)[0]),
            (null, string value) => CertificateFingerprint.Normalize(value),
            (null, null) => throw new CommandLineException($"give {certificateFile.Name} FILE or {fingerprint.Name} F"),
            _ => throw new CommandLineException($"give either {certificateFile.Name} or {fingerprint.Name}, not both"),
        };
    }

    private static Option<string> AddressOption() =>
        new("--address") { Description = "The HTTPS listener's IP:PORT", HelpName = "IP:PORT", Required = true };
}
