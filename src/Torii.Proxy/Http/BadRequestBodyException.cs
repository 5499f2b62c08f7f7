namespace Torii.Proxy.Http;

/// <summary>The client's request body ended early or broke its chunked framing.</summary>
public sealed class BadRequestBodyException() : IOException("the request body is truncated or malformed");
