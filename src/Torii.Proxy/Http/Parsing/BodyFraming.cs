namespace Torii.Proxy.Http.Parsing;

/// <summary>How a message body is delimited (RFC 9112 §6.3). <see cref="Length"/> is set for ContentLength only.</summary>
public readonly record struct BodyFraming(BodyKind Kind, long Length = 0)
{
    public static BodyFraming None => new(BodyKind.None);

    /// <summary>A request without Content-Length or chunked has no body.</summary>
    public static BodyFraming ForRequest(RequestHead request) =>
        request.IsChunked ? new(BodyKind.Chunked)
        : request.ContentLength >= 0 ? new(BodyKind.ContentLength, request.ContentLength)
        : None;

    /// <param name="requestMethod">The method of the request this responds to: HEAD and CONNECT change the framing.</param>
    public static BodyFraming ForResponse(ResponseHead response, HttpMethodKind requestMethod)
    {
        int status = response.StatusCode;
        if (status == 101 || (requestMethod == HttpMethodKind.Connect && status is >= 200 and < 300))
        {
            return new(BodyKind.Tunnel);
        }

        if (requestMethod == HttpMethodKind.Head || status < 200 || status is 204 or 304)
        {
            return None;
        }

        return response.IsChunked ? new(BodyKind.Chunked)
            : response.HasTransferEncoding ? new(BodyKind.UntilClose)
            : response.ContentLength >= 0 ? new(BodyKind.ContentLength, response.ContentLength)
            : new(BodyKind.UntilClose);
    }
}
