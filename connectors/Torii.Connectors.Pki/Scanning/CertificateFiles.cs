namespace Torii.Connectors.Pki.Scanning;

/// <summary>
/// The files of one certificate found in the directory. Either path may be missing while a pair is
/// being written; <see cref="Name"/> (the path relative to the directory, without extension) identifies it.
/// </summary>
internal sealed record CertificateFiles(string Name, string? CertificatePath, string? KeyPath);
