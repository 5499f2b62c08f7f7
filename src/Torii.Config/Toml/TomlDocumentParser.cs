namespace Torii.Config.Toml;

/// <summary>Reads a whole document: key/value lines, [table] and [[array of tables]] headers.</summary>
internal sealed class TomlDocumentParser
{
    private readonly TomlCursor _cursor;
    private readonly TomlTable _root;
    private TomlTable _current;

    public TomlDocumentParser(TomlCursor cursor)
    {
        _cursor = cursor;
        _root = new TomlTable(new TomlPosition(cursor.FileName, 1, 1), TomlTableKind.Explicit);
        _current = _root;
    }

    public TomlTable Parse()
    {
        while (true)
        {
            TomlTrivia.SkipWhitespace(_cursor);
            if (_cursor.AtEnd)
            {
                return _root;
            }

            switch (_cursor.Current)
            {
                case '#' or '\n' or '\r':
                    TomlTrivia.ExpectLineEnd(_cursor, "a comment");
                    break;
                case '[':
                    ParseHeader();
                    TomlTrivia.ExpectLineEnd(_cursor, "a table header");
                    break;
                default:
                    ParseKeyValue();
                    TomlTrivia.ExpectLineEnd(_cursor, "a value");
                    break;
            }
        }
    }

    private void ParseKeyValue()
    {
        var key = TomlKeyParser.Parse(_cursor);
        if (_cursor.Current != '=')
        {
            throw _cursor.Error($"expected '=' after key, found {TomlText.Describe(_cursor)}");
        }

        _cursor.Advance();
        TomlTrivia.SkipWhitespace(_cursor);
        var valuePosition = _cursor.Position;
        var value = TomlValueParser.Parse(_cursor);
        TomlTableEditor.InsertDotted(_current, key, value, valuePosition);
    }

    private void ParseHeader()
    {
        var headerPosition = _cursor.Position;
        var isArrayOfTables = _cursor.Peek(1) == '[';
        _cursor.Advance(isArrayOfTables ? 2 : 1);
        var key = TomlKeyParser.Parse(_cursor);
        var close = isArrayOfTables ? "]]" : "]";
        if (!_cursor.StartsWith(close))
        {
            throw _cursor.Error($"expected '{close}' to close the header, found {TomlText.Describe(_cursor)}");
        }

        _cursor.Advance(close.Length);
        var parent = _root;
        for (var i = 0; i < key.Count - 1; i++)
        {
            parent = Descend(parent, key, i);
        }

        _current = isArrayOfTables
            ? AppendArrayTable(parent, key, headerPosition)
            : DefineTable(parent, key, headerPosition);
    }

    /// <summary>Steps through one leading part of a header, creating an implicit table when it is missing.</summary>
    private static TomlTable Descend(TomlTable parent, List<TomlKeySegment> key, int index)
    {
        var segment = key[index];
        if (!parent.TryGetEntry(segment.Name, out var existing))
        {
            var created = new TomlTable(segment.Position, TomlTableKind.Implicit);
            parent.Add(segment.Name, created, segment.Position, segment.Position);
            return created;
        }

        var name = TomlKeyParser.Format(key.Take(index + 1));
        return existing.Value switch
        {
            TomlTable { Kind: TomlTableKind.Inline } inline => throw new TomlException(
                segment.Position,
                $"cannot extend inline table '{name}' (defined at {inline.Position.Line}:{inline.Position.Column}): inline tables are immutable"),
            TomlTable table => table,
            TomlArray { IsArrayOfTables: true } array => (TomlTable)array[^1],
            _ => throw new TomlException(
                segment.Position,
                $"cannot use '{name}' as a table: it is already {TomlTableEditor.Describe(existing.Value)} (defined at {existing.KeyPosition.Line}:{existing.KeyPosition.Column})"),
        };
    }

    private static TomlTable DefineTable(TomlTable parent, List<TomlKeySegment> key, TomlPosition headerPosition)
    {
        var segment = key[^1];
        if (!parent.TryGetEntry(segment.Name, out var existing))
        {
            var created = new TomlTable(headerPosition, TomlTableKind.Explicit);
            parent.Add(segment.Name, created, segment.Position, headerPosition);
            return created;
        }

        if (existing.Value is TomlTable { Kind: TomlTableKind.Implicit } implicitTable)
        {
            implicitTable.Kind = TomlTableKind.Explicit;
            implicitTable.Position = headerPosition;
            return implicitTable;
        }

        var name = TomlKeyParser.Format(key);
        var first = existing.Value is TomlTable table ? table.Position : existing.KeyPosition;
        var reason = existing.Value switch
        {
            TomlArray { IsArrayOfTables: true } => $"'{name}' is an array of tables (defined at {first.Line}:{first.Column}); use [[{name}]] to add an element",
            TomlTable => $"table '{name}' is already defined at {first.Line}:{first.Column}",
            _ => $"cannot define table '{name}': the key is already {TomlTableEditor.Describe(existing.Value)} (defined at {first.Line}:{first.Column})",
        };
        throw new TomlException(segment.Position, reason);
    }

    private static TomlTable AppendArrayTable(TomlTable parent, List<TomlKeySegment> key, TomlPosition headerPosition)
    {
        var segment = key[^1];
        TomlArray array;
        if (!parent.TryGetEntry(segment.Name, out var existing))
        {
            array = new TomlArray(headerPosition, isArrayOfTables: true);
            parent.Add(segment.Name, array, segment.Position, headerPosition);
        }
        else if (existing.Value is TomlArray { IsArrayOfTables: true } arrayOfTables)
        {
            array = arrayOfTables;
        }
        else
        {
            var first = existing.KeyPosition;
            throw new TomlException(
                segment.Position,
                $"cannot add an element to '{TomlKeyParser.Format(key)}' with [[...]]: it is already {TomlTableEditor.Describe(existing.Value)} (defined at {first.Line}:{first.Column})");
        }

        var element = new TomlTable(headerPosition, TomlTableKind.Explicit);
        array.Add(element, headerPosition);
        return element;
    }
}
