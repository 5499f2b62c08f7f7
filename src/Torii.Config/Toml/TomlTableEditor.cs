namespace Torii.Config.Toml;

/// <summary>Adds key/value pairs to tables while enforcing TOML's rule that nothing is defined twice.</summary>
internal static class TomlTableEditor
{
    /// <summary>
    /// Adds <c>a.b.c = value</c> to <paramref name="table"/>: the leading parts open or create tables
    /// made by dotted keys; any other existing value there, or an existing final key, is an error.
    /// </summary>
    public static void InsertDotted(
        TomlTable table,
        IReadOnlyList<TomlKeySegment> key,
        object value,
        TomlPosition valuePosition)
    {
        for (var i = 0; i < key.Count - 1; i++)
        {
            var segment = key[i];
            if (!table.TryGetEntry(segment.Name, out var existing))
            {
                var created = new TomlTable(segment.Position, TomlTableKind.Dotted);
                table.Add(segment.Name, created, segment.Position, segment.Position);
                table = created;
                continue;
            }

            if (existing.Value is TomlTable { Kind: TomlTableKind.Dotted } dotted)
            {
                table = dotted;
                continue;
            }

            var name = TomlKeyParser.Format(key.Take(i + 1));
            var first = existing.KeyPosition;
            throw new TomlException(
                segment.Position,
                existing.Value is TomlTable
                    ? $"cannot add to table '{name}' with a dotted key: it is defined at {first.Line}:{first.Column} and tables cannot be extended from elsewhere"
                    : $"cannot use '{name}' as a table: it is already {Describe(existing.Value)} (defined at {first.Line}:{first.Column})");
        }

        var last = key[^1];
        if (table.TryGetPosition(last.Name, out var previous))
        {
            throw new TomlException(
                last.Position,
                $"duplicate key '{TomlKeyParser.Format(key)}': it is already defined at {previous.Line}:{previous.Column}");
        }

        table.Add(last.Name, value, last.Position, valuePosition);
    }

    /// <summary>Makes an inline table and every table inside it immutable.</summary>
    public static void Seal(TomlTable table)
    {
        // A loop, not recursion: dotted keys nest tables as deep as the key is long, and
        // a long enough key would overflow the stack, which no caller can catch.
        var pending = new Stack<TomlTable>();
        pending.Push(table);
        while (pending.TryPop(out var current))
        {
            current.Kind = TomlTableKind.Inline;
            foreach (var entry in current.Entries)
            {
                if (entry.Value is TomlTable child)
                {
                    pending.Push(child);
                }
            }
        }
    }

    /// <summary>Names a value's type with its article, for messages ("an integer", "a table").</summary>
    public static string Describe(object value) => value switch
    {
        string => "a string",
        long => "an integer",
        double => "a float",
        bool => "a boolean",
        TomlOffsetDateTime => "an offset date-time",
        TomlLocalDateTime => "a local date-time",
        TomlLocalDate => "a local date",
        TomlLocalTime => "a local time",
        TomlArray { IsArrayOfTables: true } => "an array of tables",
        TomlArray => "an array",
        TomlTable { Kind: TomlTableKind.Inline } => "an inline table",
        TomlTable => "a table",
        _ => value.GetType().Name,
    };
}
