namespace Torii.Config.Toml;

/// <summary>One part of a possibly dotted key, with where it appears.</summary>
internal readonly record struct TomlKeySegment(string Name, TomlPosition Position);
