namespace Torii.Config.Toml;

/// <summary>One key of a table with its value and where both appear in the source.</summary>
public sealed record TomlEntry(string Key, object Value, TomlPosition KeyPosition, TomlPosition ValuePosition);
