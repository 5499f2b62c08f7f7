namespace Torii.Proxy.Http.Parsing;

/// <summary>A parsed request head. Reused for every request of a connection.</summary>
public sealed class RequestHead : HttpHead
{
    private int _methodLength;
    private int _targetStart;
    private int _targetLength;
    private int _pathStart;
    private int _pathLength;
    private int _queryStart;
    private int _queryLength;
    private int _authorityStart;
    private int _authorityLength;
    private int _hostIndex = -1;

    public HttpMethodKind Method { get; internal set; }

    /// <summary>The method token as received.</summary>
    public ReadOnlySpan<byte> MethodBytes => RawHead[.._methodLength];

    public ReadOnlySpan<byte> Target => RawHead.Slice(_targetStart, _targetLength);

    public RequestTargetForm TargetForm { get; internal set; }

    /// <summary>
    /// The path without the query. For absolute-form it is the path component ("/" when
    /// the URI has none); for authority-form it is empty; for asterisk-form it is "*".
    /// </summary>
    public ReadOnlySpan<byte> Path =>
        _pathLength == 0 && TargetForm == RequestTargetForm.Absolute ? "/"u8 : RawHead.Slice(_pathStart, _pathLength);

    /// <summary>The query without its '?', empty when there is none.</summary>
    public ReadOnlySpan<byte> Query => RawHead.Slice(_queryStart, _queryLength);

    /// <summary>The authority of an absolute-form or authority-form target; empty otherwise.</summary>
    public ReadOnlySpan<byte> TargetAuthority => RawHead.Slice(_authorityStart, _authorityLength);

    public bool HasHost => _hostIndex >= 0;

    /// <summary>The Host header value, empty when absent.</summary>
    public ReadOnlySpan<byte> Host => _hostIndex >= 0 ? GetHeaderValue(_hostIndex) : default;

    /// <summary>
    /// The host the request is for: the target's authority when it has one (RFC 9112
    /// §3.2.2 says it wins over Host), otherwise the Host header.
    /// </summary>
    public ReadOnlySpan<byte> EffectiveHost => _authorityLength > 0 ? TargetAuthority : Host;

    public bool Expect100Continue { get; internal set; }

    /// <summary>Whether a body follows the head (RFC 9112 §6.3: without Content-Length or chunked, it has none).</summary>
    public bool HasBody => IsChunked || ContentLength > 0;

    /// <summary>"METHOD SP target", the request line without its version.</summary>
    internal ReadOnlySpan<byte> MethodAndTarget => RawHead[..(_targetStart + _targetLength)];

    public override void Reset()
    {
        base.Reset();
        _methodLength = 0;
        _targetStart = 0;
        _targetLength = 0;
        _pathStart = 0;
        _pathLength = 0;
        _queryStart = 0;
        _queryLength = 0;
        _authorityStart = 0;
        _authorityLength = 0;
        _hostIndex = -1;
        Method = HttpMethodKind.Other;
        TargetForm = RequestTargetForm.Origin;
        Expect100Continue = false;
    }

    internal void SetRequestLine(int methodLength, int targetLength)
    {
        _methodLength = methodLength;
        _targetStart = methodLength + 1;
        _targetLength = targetLength;
    }

    /// <summary>Offsets are relative to the target's start.</summary>
    internal void SetTargetParts(Range path, Range query, Range authority)
    {
        int targetStart = _targetStart;
        (_pathStart, _pathLength) = (targetStart + path.Start.Value, path.End.Value - path.Start.Value);
        (_queryStart, _queryLength) = (targetStart + query.Start.Value, query.End.Value - query.Start.Value);
        (_authorityStart, _authorityLength) =
            (targetStart + authority.Start.Value, authority.End.Value - authority.Start.Value);
    }

    internal void SetHostIndex(int index) => _hostIndex = index;
}
