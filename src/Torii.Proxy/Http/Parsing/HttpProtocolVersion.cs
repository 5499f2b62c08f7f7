namespace Torii.Proxy.Http.Parsing;

public enum HttpProtocolVersion
{
    Http10,
    Http11,
}
