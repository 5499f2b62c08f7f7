namespace Torii.Proxy.ProxyProtocol;

public enum ProxyParseStatus
{
    /// <summary>The bytes so far can still begin a valid header; read more.</summary>
    Incomplete,

    /// <summary>A whole, valid header.</summary>
    Complete,

    /// <summary>Not a PROXY header, or a malformed or oversized one: the connection is to be closed.</summary>
    Invalid,
}
