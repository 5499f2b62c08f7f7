namespace Torii.Fuzz.Config;

/// <summary>Text <see cref="TomlDump"/> appends as it is when popped, unlike a string value, which is quoted.</summary>
internal sealed record DumpLiteral(string Text);
