using Torii.Connectors.Settings;

namespace Torii.Connectors.Pki.Reconciling;

/// <summary>
/// What this connector added to one listener, kept in a small text file so that a restarted connector
/// still knows which certificates are its own (and may be removed) and which are someone else's.
/// One line per certificate: `ADDRESS FINGERPRINT DIGEST NAME`. Lines for other listeners are kept as
/// they are. Every change is written at once, through a temporary file and a rename.
/// </summary>
internal sealed class CertificateOwnership
{
    private const string Header = "# torii-pki: the certificates it added to the proxy, one a line: ADDRESS FINGERPRINT DIGEST NAME";

    private readonly string? _path;
    private readonly string _address;
    private readonly List<string> _otherListenersLines;
    private readonly Dictionary<string, OwnedCertificate> _byFingerprint = new(StringComparer.Ordinal);

    private CertificateOwnership(string? path, string address, List<string> otherListenersLines)
    {
        _path = path;
        _address = address;
        _otherListenersLines = otherListenersLines;
    }

    public IReadOnlyCollection<OwnedCertificate> Certificates => [.. _byFingerprint.Values];

    /// <summary>A record that lives only in memory.</summary>
    public static CertificateOwnership InMemory(string address, params IEnumerable<OwnedCertificate> certificates)
    {
        var ownership = new CertificateOwnership(null, address, []);
        foreach (OwnedCertificate certificate in certificates)
        {
            ownership._byFingerprint[certificate.Fingerprint] = certificate;
        }

        return ownership;
    }

    /// <summary>Reads the file; a missing file is an empty record, a malformed line is reported and left out.</summary>
    /// <exception cref="SettingsException">The file exists but cannot be read.</exception>
    public static CertificateOwnership Load(string path, string address, Action<string> reportMalformedLine)
    {
        var ownership = new CertificateOwnership(path, address, []);
        string[] lines;
        try
        {
            lines = File.Exists(path) ? File.ReadAllLines(path) : [];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new SettingsException($"cannot read the state file {path}: {exception.Message}", exception);
        }

        for (int index = 0; index < lines.Length; index++)
        {
            string line = lines[index].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string[] fields = line.Split(' ', 4, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 4 || !IsHexDigest(fields[1]) || !IsHexDigest(fields[2]))
            {
                reportMalformedLine($"{path}:{index + 1}: not ADDRESS FINGERPRINT DIGEST NAME; line ignored");
            }
            else if (fields[0] == address)
            {
                ownership._byFingerprint[fields[1]] = new OwnedCertificate(fields[1], fields[2], fields[3]);
            }
            else
            {
                ownership._otherListenersLines.Add(line);
            }
        }

        return ownership;
    }

    /// <exception cref="IOException">The file cannot be written; the record in memory is unchanged.</exception>
    public void Record(OwnedCertificate certificate)
    {
        _byFingerprint.TryGetValue(certificate.Fingerprint, out OwnedCertificate? previous);
        _byFingerprint[certificate.Fingerprint] = certificate;
        SaveOrUndo(() =>
        {
            if (previous is null)
            {
                _byFingerprint.Remove(certificate.Fingerprint);
            }
            else
            {
                _byFingerprint[certificate.Fingerprint] = previous;
            }
        });
    }

    /// <exception cref="IOException">The file cannot be written; the record in memory is unchanged.</exception>
    public void Forget(string fingerprint)
    {
        if (_byFingerprint.Remove(fingerprint, out OwnedCertificate? previous))
        {
            SaveOrUndo(() => _byFingerprint[fingerprint] = previous);
        }
    }

    private void SaveOrUndo(Action undo)
    {
        if (_path is null)
        {
            return;
        }

        try
        {
            Save(_path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            undo();
            throw new IOException($"cannot write the state file {_path}: {exception.Message}", exception);
        }
    }

    private void Save(string path)
    {
        IEnumerable<string> ours = _byFingerprint.Values
            .OrderBy(certificate => certificate.Name, StringComparer.Ordinal)
            .ThenBy(certificate => certificate.Fingerprint, StringComparer.Ordinal)
            .Select(certificate => $"{_address} {certificate.Fingerprint} {certificate.Digest} {certificate.Name}");
        string temporary = $"{path}.tmp";
        File.WriteAllLines(temporary, [Header, .. _otherListenersLines, .. ours]);
        File.Move(temporary, path, overwrite: true);
    }

    private static bool IsHexDigest(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigit);
}
