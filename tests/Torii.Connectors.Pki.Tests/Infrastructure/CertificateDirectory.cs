namespace Torii.Connectors.Pki.Tests.Infrastructure;

/// <summary>A temporary directory of certificate pairs, in either layout, deleted on dispose.</summary>
public sealed class CertificateDirectory : IDisposable
{
    public CertificateDirectory()
    {
        Root = Directory.CreateTempSubdirectory("torii-pki-").FullName;
        Path = System.IO.Path.Combine(Root, "certs");
        Directory.CreateDirectory(Path);
    }

    /// <summary>The folder holding the watched directory, for files that must not be in it (state, config).</summary>
    public string Root { get; }

    /// <summary>The watched directory.</summary>
    public string Path { get; }

    /// <summary>Writes `NAME/NAME.crt` and `NAME/NAME.key` (Sōzu's layout).</summary>
    public void WriteNested(string name, TestPair pair)
    {
        Directory.CreateDirectory(System.IO.Path.Combine(Path, name));
        WriteFile($"{name}/{name}.crt", pair.CertificateFile);
        WriteFile($"{name}/{name}.key", pair.KeyPem);
    }

    /// <summary>Writes `NAME.crt` and `NAME.key`.</summary>
    public void WriteFlat(string name, TestPair pair)
    {
        WriteFile($"{name}.crt", pair.CertificateFile);
        WriteFile($"{name}.key", pair.KeyPem);
    }

    /// <summary>Writes a file through a temporary name and a rename, as careful tools do.</summary>
    public void WriteFile(string relativePath, string contents)
    {
        string path = System.IO.Path.Combine(Path, relativePath);
        string temporary = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, $".{System.IO.Path.GetFileName(path)}.tmp");
        File.WriteAllText(temporary, contents);
        File.Move(temporary, path, overwrite: true);
    }

    public void Delete(string relativePath)
    {
        string path = System.IO.Path.Combine(Path, relativePath);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        else
        {
            File.Delete(path);
        }
    }

    public string PathOf(string relativePath) => System.IO.Path.Combine(Path, relativePath);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
