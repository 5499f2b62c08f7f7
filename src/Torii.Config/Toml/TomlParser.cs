using System.Buffers;
using System.Text.Unicode;

namespace Torii.Config.Toml;

/// <summary>Reads TOML 1.0.0 documents.</summary>
public static class TomlParser
{
    private const char ByteOrderMark = '\uFEFF';

    /// <summary>Parses a document; a leading byte order mark is skipped.</summary>
    /// <exception cref="TomlException">The text is not valid TOML 1.0.0.</exception>
    public static TomlTable Parse(string text, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cursor = new TomlCursor(text, fileName);
        cursor.SkipByteOrderMark();
        return new TomlDocumentParser(cursor).Parse();
    }

    /// <summary>Parses a UTF-8 document; invalid UTF-8 is reported with the position where it starts.</summary>
    /// <exception cref="TomlException">The bytes are not valid UTF-8 or not valid TOML 1.0.0.</exception>
    public static TomlTable Parse(ReadOnlySpan<byte> utf8, string? fileName = null)
    {
        var buffer = new char[utf8.Length];
        var status = Utf8.ToUtf16(utf8, buffer, out _, out var written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
        {
            throw new TomlException(PositionAfter(buffer.AsSpan(0, written), fileName), "invalid UTF-8 byte sequence");
        }

        return Parse(new string(buffer, 0, written), fileName);
    }

    /// <summary>Reads and parses a file; errors name the path as given.</summary>
    public static TomlTable ParseFile(string path) => Parse(File.ReadAllBytes(path), path);

    private static TomlPosition PositionAfter(ReadOnlySpan<char> decoded, string? fileName)
    {
        var line = 1;
        var column = 1;
        for (var i = 0; i < decoded.Length; i++)
        {
            var c = decoded[i];
            if (c == '\n')
            {
                line++;
                column = 1;
            }
            else if (!char.IsLowSurrogate(c) && !(i == 0 && c == ByteOrderMark))
            {
                column++;
            }
        }

        return new TomlPosition(fileName, line, column);
    }
}
