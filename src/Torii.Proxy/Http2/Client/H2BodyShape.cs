namespace Torii.Proxy.Http2.Client;

/// <summary>How a backend's HTTP/2 response body is framed for the HTTP/1.1 response path.</summary>
public enum H2BodyShape
{
    /// <summary>No body by the rules of the method or status (HEAD, 204, 304).</summary>
    None,

    /// <summary>The stream ended at the response head: Content-Length: 0 unless the backend gave one.</summary>
    Empty,

    /// <summary>The backend's content-length frames the body; trailers cannot follow.</summary>
    AsDeclared,

    /// <summary>Chunked, so trailers can follow as chunked trailer fields.</summary>
    Chunked,

    /// <summary>An HTTP/1.0 client: the body ends when the connection does.</summary>
    UntilClose,
}
