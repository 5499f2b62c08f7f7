namespace Torii.Proxy.Http.Parsing;

/// <summary>
/// Walks a comma-separated field value (RFC 9110 §5.6.1), yielding each element with OWS
/// trimmed. Empty elements are yielded too so that strict fields can reject them.
/// </summary>
internal ref struct ListElements(ReadOnlySpan<byte> value)
{
    private ReadOnlySpan<byte> _rest = value;
    private bool _finished = value.IsEmpty;

    public bool TryNext(out ReadOnlySpan<byte> element)
    {
        if (_finished)
        {
            element = default;
            return false;
        }

        int comma = _rest.IndexOf((byte)',');
        if (comma < 0)
        {
            element = HttpCharacters.TrimWhitespace(_rest);
            _finished = true;
            return true;
        }

        element = HttpCharacters.TrimWhitespace(_rest[..comma]);
        _rest = _rest[(comma + 1)..];
        return true;
    }
}
