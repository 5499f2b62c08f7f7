namespace Torii.Proxy.Http.Answers;

/// <summary>What %MESSAGE and %PHASE say for each answer the proxy sends itself.</summary>
public static class AnswerMessages
{
    public static string For(int status) => status switch
    {
        301 or 302 or 308 => "this resource lives at another address",
        400 => "the request could not be parsed",
        401 => "this resource needs valid credentials",
        404 => "no frontend matches this request",
        408 => "the request did not arrive in time",
        413 => "the request body is too large",
        421 => "this connection cannot serve this host",
        429 => "too many connections from this address",
        431 => "the request head is too large",
        501 => "this method is not supported by the proxy",
        502 => "the backend sent no valid response",
        503 => "no backend is available",
        504 => "the backend did not answer in time",
        505 => "this HTTP version is not supported",
        _ => string.Empty,
    };

    public static string PhaseOf(int status) => status switch
    {
        400 or 408 or 413 or 431 or 505 => "request",
        301 or 302 or 308 or 401 or 404 or 421 or 501 => "routing",
        503 or 429 => "connection",
        502 or 504 => "response",
        _ => string.Empty,
    };
}
