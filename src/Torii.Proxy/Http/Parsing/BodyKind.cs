namespace Torii.Proxy.Http.Parsing;

public enum BodyKind
{
    None,
    ContentLength,
    Chunked,
    UntilClose,

    /// <summary>After the head the connection carries opaque bytes both ways (101, or 2xx to CONNECT).</summary>
    Tunnel,
}
