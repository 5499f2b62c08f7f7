namespace Torii.Config.Tests.Config;

/// <summary>A temporary folder holding a config file and the files it refers to; deleted on dispose.</summary>
internal sealed class ConfigFolder : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("torii-config-tests-").FullName;

    public string ConfigPath => Path.Combine(Root, "config.toml");

    public string Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public ToriiConfig Load(string toml) => ConfigLoader.LoadFromText(toml, ConfigPath);

    public ConfigException LoadError(string toml) => Assert.Throws<ConfigException>(() => Load(toml));

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
