namespace Torii.Proxy.Logging;

/// <summary>What kind of listener served the logged request or connection.</summary>
public enum AccessLogProtocol
{
    Http,
    Https,

    /// <summary>An HTTP/2 stream over TLS.</summary>
    H2,

    /// <summary>An HTTP/2 stream in clear text (prior knowledge).</summary>
    H2c,
    Tcp,
}
