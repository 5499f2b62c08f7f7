namespace Torii.Connectors.Web.Endpoints;

internal static class PemBlocks
{
    private const string Begin = "-----BEGIN CERTIFICATE-----";
    private const string End = "-----END CERTIFICATE-----";

    /// <summary>Each CERTIFICATE block of the text, in order, with its armour lines.</summary>
    public static string[] Certificates(string text)
    {
        var blocks = new List<string>();
        int start = text.IndexOf(Begin, StringComparison.Ordinal);
        while (start >= 0)
        {
            int end = text.IndexOf(End, start, StringComparison.Ordinal);
            if (end < 0)
            {
                break;
            }

            blocks.Add(text[start..(end + End.Length)] + "\n");
            start = text.IndexOf(Begin, end, StringComparison.Ordinal);
        }

        return [.. blocks];
    }
}
