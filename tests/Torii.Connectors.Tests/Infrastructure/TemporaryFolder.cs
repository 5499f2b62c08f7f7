namespace Torii.Connectors.Tests.Infrastructure;

public sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder(string prefix = "torii-connectors-")
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    public string Path { get; }

    public string Write(string name, string text)
    {
        string path = System.IO.Path.Combine(Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process the test started may still hold a file for a moment; the folder is under /tmp anyway.
        }
    }
}
