namespace Torii.Proxy.ProxyProtocol;

/// <summary>
/// Recognises a PROXY protocol header (haproxy's proxy-protocol.txt) at the start of a connection's
/// bytes: version 1 begins with "PROXY ", version 2 with its 12-byte signature. Never throws: any
/// input is either a prefix of a possible header, a complete header, or invalid.
/// </summary>
public static class ProxyHeaderParser
{
    public static ProxyParseResult Parse(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return ProxyParseResult.Incomplete();
        }

        if (IsPrefixOf(data, ProxyV2Parser.Signature))
        {
            return ProxyV2Parser.Parse(data);
        }

        if (IsPrefixOf(data, ProxyV1Parser.Prefix))
        {
            return ProxyV1Parser.Parse(data);
        }

        return ProxyParseResult.Invalid("no PROXY protocol header");
    }

    /// <summary>Whether the data and the signature agree over the length they share.</summary>
    private static bool IsPrefixOf(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var shared = Math.Min(data.Length, signature.Length);
        return data[..shared].SequenceEqual(signature[..shared]);
    }
}
