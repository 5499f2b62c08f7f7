namespace Torii.Config.Toml;

/// <summary>A 1-based line and column in a TOML source, with the file it came from when known.</summary>
public readonly record struct TomlPosition(string? FileName, int Line, int Column)
{
    public override string ToString() =>
        FileName is null ? $"{Line}:{Column}" : $"{FileName}:{Line}:{Column}";
}
