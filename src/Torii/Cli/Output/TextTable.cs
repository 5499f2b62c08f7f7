namespace Torii.Cli.Output;

/// <summary>Rows of text printed in left-aligned columns under a header, two spaces apart.</summary>
internal sealed class TextTable(params string[] headers)
{
    private const string ColumnGap = "  ";

    private readonly List<string[]> _rows = [];

    public int RowCount => _rows.Count;

    public void AddRow(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"a row needs {headers.Length} cells, not {cells.Length}", nameof(cells));
        }

        _rows.Add(cells);
    }

    public void WriteTo(TextWriter writer)
    {
        int[] widths = new int[headers.Length];
        foreach (string[] row in _rows.Prepend(headers))
        {
            for (int column = 0; column < row.Length; column++)
            {
                widths[column] = Math.Max(widths[column], row[column].Length);
            }
        }

        foreach (string[] row in _rows.Prepend(headers))
        {
            // The last column is not padded so that lines carry no trailing spaces.
            string line = string.Join(ColumnGap, row.Select((cell, column) =>
                column == row.Length - 1 ? cell : cell.PadRight(widths[column])));
            writer.WriteLine(line.TrimEnd());
        }
    }
}
