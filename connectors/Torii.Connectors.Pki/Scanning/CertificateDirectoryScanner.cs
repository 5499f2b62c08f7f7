namespace Torii.Connectors.Pki.Scanning;

/// <summary>
/// Finds certificate pairs in a directory, in two layouts: Sōzu's `DIR/NAME/NAME.crt` + `DIR/NAME/NAME.key`,
/// and flat `DIR/NAME.crt` + `DIR/NAME.key`. Other files, and names starting with a dot (the temporary
/// files of editors and atomic writers), are ignored.
/// </summary>
internal static class CertificateDirectoryScanner
{
    public const string CertificateExtension = ".crt";
    public const string KeyExtension = ".key";

    /// <summary>The pairs, complete or not, ordered by name.</summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="IOException">The directory cannot be listed.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory cannot be listed.</exception>
    public static IReadOnlyList<CertificateFiles> Scan(string directory)
    {
        var found = new SortedDictionary<string, CertificateFiles>(StringComparer.Ordinal);
        AddPairFiles(found, directory, namePrefix: "", onlyStem: null);
        foreach (string subdirectory in Directory.EnumerateDirectories(directory))
        {
            string name = Path.GetFileName(subdirectory);
            if (!IsHidden(name))
            {
                AddPairFiles(found, subdirectory, namePrefix: name + "/", onlyStem: name);
            }
        }

        return [.. found.Values];
    }

    private static void AddPairFiles(SortedDictionary<string, CertificateFiles> found, string directory, string namePrefix, string? onlyStem)
    {
        IEnumerable<string> files;
        try
        {
            files = Directory.EnumerateFiles(directory);
        }
        catch (DirectoryNotFoundException) when (onlyStem is not null)
        {
            // A subdirectory removed while scanning is simply gone.
            return;
        }

        foreach (string path in files)
        {
            string fileName = Path.GetFileName(path);
            string extension = Path.GetExtension(fileName);
            string stem = Path.GetFileNameWithoutExtension(fileName);
            bool isCertificate = extension == CertificateExtension;
            if ((!isCertificate && extension != KeyExtension) || IsHidden(fileName) || (onlyStem is not null && stem != onlyStem))
            {
                continue;
            }

            string name = namePrefix + stem;
            CertificateFiles pair = found.GetValueOrDefault(name) ?? new CertificateFiles(name, null, null);
            found[name] = isCertificate ? pair with { CertificatePath = path } : pair with { KeyPath = path };
        }
    }

    private static bool IsHidden(string name) => name.StartsWith('.');
}
