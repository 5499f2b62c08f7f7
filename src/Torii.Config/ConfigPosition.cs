using Torii.Config.Toml;

namespace Torii.Config;

/// <summary>A place in a config file; Line and Column are 1-based, or 0 when the whole file is meant.</summary>
public sealed record ConfigPosition(string File, int Line, int Column)
{
    public static ConfigPosition From(TomlPosition position, string file) =>
        new(position.FileName ?? file, position.Line, position.Column);

    public override string ToString() => Line == 0 ? File : $"{File}:{Line}:{Column}";
}
