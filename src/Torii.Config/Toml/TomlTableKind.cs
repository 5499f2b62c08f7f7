namespace Torii.Config.Toml;

/// <summary>How a table came to exist; decides whether a later header or dotted key may extend it.</summary>
internal enum TomlTableKind
{
    /// <summary>Created only as a parent of a header such as [a.b]; a later [a] may still define it.</summary>
    Implicit,

    /// <summary>The root, a [header] table or an element of an array of tables.</summary>
    Explicit,

    /// <summary>Created by a dotted key (a.b = 1); only more dotted keys of the same section extend it.</summary>
    Dotted,

    /// <summary>An inline table or a table inside one; immutable once its closing brace is read.</summary>
    Inline,
}
