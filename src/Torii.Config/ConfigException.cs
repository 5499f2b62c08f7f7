namespace Torii.Config;

/// <summary>
/// A config file that cannot be used: a TOML syntax error or a setting that is wrong.
/// The message reads "FILE:LINE:COL: what is wrong and what was expected".
/// </summary>
public sealed class ConfigException : Exception
{
    public ConfigException(ConfigPosition position, string reason, Exception? innerException = null)
        : base($"{position}: {reason}", innerException)
    {
        Position = position;
        Reason = reason;
    }

    public ConfigPosition Position { get; }

    public string File => Position.File;

    public int Line => Position.Line;

    public int Column => Position.Column;

    /// <summary>What is wrong, without the position prefix.</summary>
    public string Reason { get; }
}
