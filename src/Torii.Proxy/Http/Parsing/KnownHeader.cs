namespace Torii.Proxy.Http.Parsing;

/// <summary>Header fields the proxy interprets or rewrites; all others are <see cref="Other"/>.</summary>
public enum KnownHeader : byte
{
    Other,
    Host,
    ContentLength,
    TransferEncoding,
    Connection,
    KeepAlive,
    ProxyConnection,
    TE,
    Trailer,
    Upgrade,
    Expect,
    XForwardedFor,
    XForwardedProto,
    XForwardedPort,
    Forwarded,
}
