namespace Torii.Proxy.Http.Parsing;

/// <summary>The common request methods; any other valid token is <see cref="Other"/>.</summary>
public enum HttpMethodKind
{
    Other,
    Get,
    Head,
    Post,
    Put,
    Delete,
    Connect,
    Options,
    Trace,
    Patch,
}
