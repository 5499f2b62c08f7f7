namespace Torii.Proxy.Actions;

/// <summary>
/// What the proxy changes in a request on its way to the backend: header edits, and for a
/// rewriting frontend the new request-target and Host (the original Host then travels in
/// X-Forwarded-Host). Header-only edits are built once per frontend; rewrites once per request.
/// </summary>
/// <param name="Target">The rewritten origin-form request-target; null keeps the client's.</param>
/// <param name="Host">The rewritten Host value (with its port when one is set); null keeps the client's.</param>
public sealed record RequestEdit(HeaderEdit[] Headers, byte[]? Target = null, byte[]? Host = null)
{
    /// <summary>The most bytes these edits add to a head besides what the client sent.</summary>
    public int AddedLength(int originalHostLength) =>
        HeaderEdit.AddedLength(Headers) + (Target?.Length ?? 0) + (Host is null ? 0 : Host.Length + originalHostLength + 48);
}
