using System.CommandLine;
using Torii.Protocol;

namespace Torii.Cli;

/// <summary>
/// `--certificate FILE --certificate-chain FILE --key FILE`, or the same with a prefix
/// (`--new-certificate` ...). A certificate file holding more than one certificate
/// (a full chain) gives its first as the leaf and the others as the start of the chain.
/// </summary>
internal sealed class CertificateFileOptions
{
    public CertificateFileOptions(string prefix, bool required, string what)
    {
        Certificate = new Option<string?>($"--{prefix}certificate")
        {
            Description = $"PEM file of {what}: the leaf, optionally followed by its chain",
            HelpName = "FILE",
            Required = required,
        };
        CertificateChain = new Option<string?>($"--{prefix}certificate-chain")
        {
            Description = $"PEM file of the intermediate certificates of {what}",
            HelpName = "FILE",
        };
        Key = new Option<string?>($"--{prefix}key")
        {
            Description = $"PEM file of the private key of {what}",
            HelpName = "FILE",
            Required = required,
        };
    }

    public Option<string?> Certificate { get; }

    public Option<string?> CertificateChain { get; }

    public Option<string?> Key { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Certificate);
        command.Options.Add(CertificateChain);
        command.Options.Add(Key);
    }

    /// <returns>The files' contents, or null when none of the options is given.</returns>
    /// <exception cref="CommandLineException">Only some are given, or a file cannot be read.</exception>
    public CertificateAndKey? Read(ParseResult parseResult)
    {
        string? certificatePath = parseResult.GetValue(Certificate);
        string? chainPath = parseResult.GetValue(CertificateChain);
        string? keyPath = parseResult.GetValue(Key);
        if (certificatePath is null && chainPath is null && keyPath is null)
        {
            return null;
        }

        if (certificatePath is null || keyPath is null)
        {
            throw new CommandLineException($"give both {Certificate.Name} and {Key.Name} (and optionally {CertificateChain.Name})");
        }

        List<string> certificates = PemFiles.ReadCertificates(Certificate.Name, certificatePath);
        var result = new CertificateAndKey
        {
            Certificate = certificates[0],
            Key = PemFiles.ReadKey(Key.Name, keyPath),
        };
        result.CertificateChain.AddRange(certificates.Skip(1));
        if (chainPath is not null)
        {
            result.CertificateChain.AddRange(PemFiles.ReadCertificates(CertificateChain.Name, chainPath));
        }

        return result;
    }

    /// <exception cref="CommandLineException">The options are missing or a file cannot be read.</exception>
    public CertificateAndKey ReadRequired(ParseResult parseResult) =>
        Read(parseResult) ?? throw new CommandLineException($"give {Certificate.Name} and {Key.Name}");
}
