namespace Torii.Cli;

/// <summary>Which config file a verb uses: the one given with -c, else config.toml in the current directory.</summary>
internal static class ConfigFileLocator
{
    public const string DefaultFileName = "config.toml";

    /// <returns>An absolute path, or null when none was given and the default does not exist.</returns>
    public static string? Find(string? givenPath, string currentDirectory)
    {
        if (givenPath is not null)
        {
            return Path.GetFullPath(givenPath, currentDirectory);
        }

        string defaultPath = Path.Combine(currentDirectory, DefaultFileName);
        return File.Exists(defaultPath) ? defaultPath : null;
    }

    /// <exception cref="CommandLineException">No config was given and there is no config.toml here.</exception>
    public static string Require(string? givenPath, string currentDirectory) =>
        Find(givenPath, currentDirectory)
        ?? throw new CommandLineException($"no config file: give one with -c FILE (there is no {DefaultFileName} in {currentDirectory})");
}
