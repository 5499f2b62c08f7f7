using Torii.Proxy.Actions;

namespace Torii.Proxy.Http.Parsing;

/// <summary>What the response head writer needs besides the backend's response.</summary>
/// <param name="RequestIdHeaderName">Header carrying <paramref name="RequestId"/>; empty to send none.</param>
/// <param name="CloseConnection">The proxy closes the client connection after this response.</param>
/// <param name="ClientVersion">An HTTP/1.0 client kept open must be told so with "Connection: keep-alive".</param>
/// <param name="SetCookie">A Set-Cookie value to add (sticky sessions); empty for none.</param>
/// <param name="Edits">The frontend's response header edits and HSTS; null (the common case) changes nothing.</param>
public readonly record struct ResponseWriteOptions(
    ReadOnlyMemory<byte> RequestId,
    ReadOnlyMemory<byte> RequestIdHeaderName,
    bool CloseConnection,
    HttpProtocolVersion ClientVersion,
    ReadOnlyMemory<byte> SetCookie = default,
    ResponseEdits? Edits = null);
