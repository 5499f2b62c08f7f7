namespace Torii.Proxy.Http;

/// <summary>How the wait for a backend's response head ended: only <see cref="NothingReceived"/> permits sending the request again.</summary>
public enum ResponseHeadOutcome
{
    /// <summary>A complete final (or 101) response head was read.</summary>
    Received,

    /// <summary>The connection closed or failed before a single response byte: a stale keep-alive connection (RFC 9110, 9.2.2).</summary>
    NothingReceived,

    /// <summary>Some bytes came but no valid head: the backend may have acted on the request, so it is never sent again.</summary>
    Malformed,
}
