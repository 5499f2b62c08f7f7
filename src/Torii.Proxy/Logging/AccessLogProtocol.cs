namespace Torii.Proxy.Logging;

/// <summary>What kind of listener served the logged request or connection.</summary>
public enum AccessLogProtocol
{
    Http,
    Https,
    Tcp,
}
