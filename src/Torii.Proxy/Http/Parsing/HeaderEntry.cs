namespace Torii.Proxy.Http.Parsing;

/// <summary>
/// One header line as offsets into the head buffer. The raw line (without CRLF) starts
/// with the name; the value offsets exclude leading and trailing OWS.
/// </summary>
public readonly record struct HeaderEntry(
    int LineStart,
    int LineLength,
    int NameLength,
    int ValueStart,
    int ValueLength,
    KnownHeader Known,
    bool IsNamedByConnection = false)
{
    public Range LineRange => new(LineStart, LineStart + LineLength);

    public Range NameRange => new(LineStart, LineStart + NameLength);

    public Range ValueRange => new(ValueStart, ValueStart + ValueLength);
}
