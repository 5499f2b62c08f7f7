namespace Torii.Cli;

/// <summary>
/// Reads the PEM files named on the command line. The proxy gets their contents, not their paths:
/// it may run on another machine, or as another user who cannot read them.
/// </summary>
internal static class PemFiles
{
    private const string CertificateEnd = "-----END CERTIFICATE-----";
    private const string CertificateBegin = "-----BEGIN CERTIFICATE-----";
    private const string PrivateKeyEnd = "PRIVATE KEY-----";

    /// <summary>Every certificate of the file, one PEM block each, in file order.</summary>
    /// <exception cref="CommandLineException">The file cannot be read or holds no certificate.</exception>
    public static List<string> ReadCertificates(string optionName, string path)
    {
        List<string> certificates = SplitCertificates(Read(optionName, path));
        return certificates.Count > 0
            ? certificates
            : throw new CommandLineException($"{optionName} {path} holds no PEM certificate ({CertificateBegin})");
    }

    /// <exception cref="CommandLineException">The file cannot be read or holds no private key.</exception>
    public static string ReadKey(string optionName, string path)
    {
        string text = Read(optionName, path);
        return text.Contains(PrivateKeyEnd, StringComparison.Ordinal)
            ? text
            : throw new CommandLineException($"{optionName} {path} holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
    }

    /// <summary>The CERTIFICATE blocks of a PEM text; anything between them is left out.</summary>
    public static List<string> SplitCertificates(string pem)
    {
        var certificates = new List<string>();
        int searchFrom = 0;
        while (pem.IndexOf(CertificateBegin, searchFrom, StringComparison.Ordinal) is var begin and >= 0)
        {
            int end = pem.IndexOf(CertificateEnd, begin, StringComparison.Ordinal);
            if (end < 0)
            {
                break;
            }

            certificates.Add(pem[begin..(end + CertificateEnd.Length)]);
            searchFrom = end + CertificateEnd.Length;
        }

        return certificates;
    }

    private static string Read(string optionName, string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CommandLineException($"cannot read {optionName} {path}: {exception.Message}");
        }
    }
}
