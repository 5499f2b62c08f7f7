namespace Torii.Proxy.Http.Parsing;

/// <summary>A parsed response head. Reused for every response on a backend connection.</summary>
public sealed class ResponseHead : HttpHead
{
    private const int VersionLength = 8;

    private int _statusLineLength;

    public int StatusCode { get; internal set; }

    /// <summary>The reason phrase, possibly empty.</summary>
    public ReadOnlySpan<byte> Reason => _statusLineLength > VersionLength + 4
        ? RawHead[(VersionLength + 5).._statusLineLength]
        : default;

    /// <summary>The status line after "HTTP/x.y" (" 200 OK"), as received, without CRLF.</summary>
    internal ReadOnlySpan<byte> StatusLineAfterVersion =>
        _statusLineLength > VersionLength ? RawHead[VersionLength.._statusLineLength] : default;

    public override void Reset()
    {
        base.Reset();
        _statusLineLength = 0;
        StatusCode = 0;
    }

    internal void SetStatusLineLength(int length) => _statusLineLength = length;
}
