namespace Torii.Connectors.Pki.Loading;

/// <summary>Just enough PEM to split a certificate file and to notice a file that is still being written.</summary>
internal static class Pem
{
    private const string BeginMarker = "-----BEGIN ";
    private const string EndMarker = "-----END ";

    /// <summary>The blocks with <paramref name="label"/>, BEGIN to END lines included, in text order.</summary>
    public static IReadOnlyList<string> Blocks(string text, string label)
    {
        string begin = $"{BeginMarker}{label}-----";
        string end = $"{EndMarker}{label}-----";
        var blocks = new List<string>();
        int searchFrom = 0;
        while (text.IndexOf(begin, searchFrom, StringComparison.Ordinal) is var start and >= 0
            && text.IndexOf(end, start, StringComparison.Ordinal) is var stop and >= 0)
        {
            blocks.Add(text[start..(stop + end.Length)]);
            searchFrom = stop + end.Length;
        }

        return blocks;
    }

    /// <summary>True when a block is opened and never closed: the writer has not finished.</summary>
    public static bool StopsInsideBlock(string text) => Count(text, BeginMarker) > Count(text, EndMarker);

    private static int Count(string text, string marker)
    {
        int count = 0;
        for (int at = text.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = text.IndexOf(marker, at + marker.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
