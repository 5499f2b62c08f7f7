namespace Torii.Client.Tests;

/// <summary>A short temp folder for socket files (UNIX socket paths are limited to ~107 bytes).</summary>
public sealed class TemporarySocketDirectory : IDisposable
{
    public TemporarySocketDirectory()
    {
        Path = Directory.CreateTempSubdirectory("torii-client-").FullName;
    }

    public string Path { get; }

    public string SocketPath(string name = "command.sock") => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
