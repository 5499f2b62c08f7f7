namespace Torii.Config.Loading;

/// <summary>Resolves paths written in config.toml against its folder and reads the files they name.</summary>
internal sealed class ConfigFileReader(string baseFolder)
{
    public string Resolve(string path) => Path.GetFullPath(path, baseFolder);

    /// <summary>Reads the file named by the string value of <paramref name="key"/>; null when the key is absent.</summary>
    public string? ReadText(ConfigSection section, string key) =>
        section.NonEmptyString(key) is { } path ? ReadText(path, section.ValuePosition(key), key) : null;

    public string ReadText(string path, ConfigPosition position, string key)
    {
        var fullPath = Resolve(path);
        try
        {
            return File.ReadAllText(fullPath);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            var why = error switch
            {
                FileNotFoundException or DirectoryNotFoundException => "the file does not exist",
                UnauthorizedAccessException => "permission denied",
                _ => error.Message,
            };
            throw new ConfigException(position, $"cannot read '{fullPath}' given for '{key}': {why}", error);
        }
    }
}
