namespace Torii.Config.Toml;

/// <summary>Walks the source text one UTF-16 unit at a time, tracking the 1-based line and column.</summary>
internal sealed class TomlCursor(string text, string? fileName)
{
    private int _line = 1;
    private int _column = 1;

    public int Index { get; private set; }

    public string? FileName { get; } = fileName;

    public bool AtEnd => Index >= text.Length;

    /// <summary>The current character, or '\0' at the end (callers check <see cref="AtEnd"/> where NUL matters).</summary>
    public char Current => Index < text.Length ? text[Index] : '\0';

    public TomlPosition Position => new(FileName, _line, _column);

    public char Peek(int offset) => Index + offset < text.Length ? text[Index + offset] : '\0';

    public bool StartsWith(string value) => string.CompareOrdinal(text, Index, value, 0, value.Length) == 0;

    public string Slice(int start, int end) => text[start..end];

    /// <summary>Steps over a leading byte order mark, which is not part of the document's columns.</summary>
    public void SkipByteOrderMark()
    {
        if (Index == 0 && Current == '\uFEFF')
        {
            Index++;
        }
    }

    public void Advance()
    {
        var c = text[Index++];
        if (c == '\n')
        {
            _line++;
            _column = 1;
        }
        else if (!char.IsLowSurrogate(c))
        {
            // A surrogate pair is one character to the reader, so only its high half moves the column.
            _column++;
        }
    }

    public void Advance(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Advance();
        }
    }

    public TomlException Error(string reason) => new(Position, reason);
}
