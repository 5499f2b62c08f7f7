namespace Torii.Proxy.Actions;

/// <summary>
/// What the proxy changes in a backend's response for one frontend on one listener: the
/// frontend's response header edits and the effective HSTS policy. Built once per
/// (frontend, listener policy), never per request.
/// </summary>
public sealed class ResponseEdits
{
    public ResponseEdits(HeaderEdit[] headers, HstsPolicy? hsts)
    {
        Headers = headers;
        Hsts = hsts is { Enabled: true } ? hsts : null;
        AddedLength = HeaderEdit.AddedLength(headers) + (Hsts?.Line.Length ?? 0);
    }

    public HeaderEdit[] Headers { get; }

    /// <summary>The HSTS policy to apply; null when none (or explicitly disabled).</summary>
    public HstsPolicy? Hsts { get; }

    /// <summary>The most bytes these edits add to a head.</summary>
    public int AddedLength { get; }

    public bool IsEmpty => Headers.Length == 0 && Hsts is null;

    /// <summary>Null when nothing would change: the response path then pays nothing.</summary>
    public static ResponseEdits? Of(HeaderEdit[] headers, HstsPolicy? hsts)
    {
        var edits = new ResponseEdits(headers, hsts);
        return edits.IsEmpty ? null : edits;
    }
}
