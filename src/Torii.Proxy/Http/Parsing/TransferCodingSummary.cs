namespace Torii.Proxy.Http.Parsing;

/// <summary>What the Transfer-Encoding fields of a message say, across all of its lines.</summary>
internal struct TransferCodingSummary
{
    public bool Present;
    public bool Malformed;
    public int ChunkedCount;
    public bool LastIsChunked;
    public bool HasOtherCoding;

    public void Add(ReadOnlySpan<byte> value)
    {
        Present = true;
        var elements = new ListElements(value);
        while (elements.TryNext(out var coding))
        {
            if (coding.IsEmpty)
            {
                // RFC 9110 §5.6.1: empty list elements are ignored.
                continue;
            }

            if (System.Text.Ascii.EqualsIgnoreCase(coding, "chunked"u8))
            {
                ChunkedCount++;
                LastIsChunked = true;
                continue;
            }

            LastIsChunked = false;
            HasOtherCoding = true;
            int parameters = coding.IndexOf((byte)';');
            var name = HttpCharacters.TrimWhitespace(parameters < 0 ? coding : coding[..parameters]);
            Malformed |= !HttpCharacters.IsToken(name);
        }
    }
}
