namespace Torii.Config.Toml;

/// <summary>A TOML document that does not follow the TOML 1.0.0 grammar or its table rules.</summary>
public sealed class TomlException : Exception
{
    public TomlException(TomlPosition position, string reason)
        : base($"{position}: {reason}")
    {
        Position = position;
        Reason = reason;
    }

    public TomlPosition Position { get; }

    public string? FileName => Position.FileName;

    public int Line => Position.Line;

    public int Column => Position.Column;

    /// <summary>What is wrong, without the position prefix.</summary>
    public string Reason { get; }
}
