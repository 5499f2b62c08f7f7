namespace Torii.Connectors.Pki.Loading;

/// <summary>A pair read from the directory: the certificate when it is usable, else why not.</summary>
internal sealed record PairLoadResult(string Name, LoadedCertificate? Certificate, string? Problem)
{
    public static PairLoadResult Loaded(LoadedCertificate certificate) => new(certificate.Name, certificate, null);

    public static PairLoadResult Failed(string name, string problem) => new(name, null, problem);
}
