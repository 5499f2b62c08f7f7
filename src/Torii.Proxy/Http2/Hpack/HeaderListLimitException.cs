namespace Torii.Proxy.Http2.Hpack;

/// <summary>A header block that decodes to more than the listener allows (an HPACK bomb, or simply too much).</summary>
public sealed class HeaderListLimitException(bool tooManyFields, string message) : Exception(message)
{
    /// <summary>True when the field count, false when the header list size (RFC 9113 §6.5.2), went over.</summary>
    public bool TooManyFields { get; } = tooManyFields;
}
