using System.Diagnostics;
using Torii.Proxy.Backends;
using Torii.Proxy.Logging;

namespace Torii.Proxy.Http;

/// <summary>
/// What one request cost and how it ended, counted into the metrics and written to the
/// access log once its last bytes are in hand and before they are sent: a client that has
/// its whole response can count on seeing it in the metrics.
/// </summary>
public sealed partial class HttpSession
{
    private bool _requestActive;
    private bool _headParsed;
    private long _requestStart;
    private int _status;
    private bool _answeredByProxy;
    private long _bytesIn;
    private long _bytesOut;
    private long _serviceMicros;
    private Backend? _backend;

    private void BeginRequest(bool headParsed)
    {
        _requestActive = true;
        _headParsed = headParsed;
        _requestStart = Stopwatch.GetTimestamp();
        _status = 0;
        _answeredByProxy = false;
        _bytesIn = headParsed ? _request.RawHead.Length : 0;
        _bytesOut = 0;
        _serviceMicros = 0;
        _backend = null;
        _currentCluster = null;
    }

    private void RecordAnswer(DefaultAnswer answer, int length)
    {
        if (!_requestActive)
        {
            BeginRequest(headParsed: false);
        }

        _status = answer.StatusCode;
        _answeredByProxy = true;
        _bytesOut += length;
        if (_context.Metrics.Enabled)
        {
            _context.Metrics.RecordAnswer(answer.StatusCode);
        }
    }

    private void FinishRequest()
    {
        if (!_requestActive)
        {
            return;
        }

        _requestActive = false;
        var totalMicros = (long)Stopwatch.GetElapsedTime(_requestStart).TotalMicroseconds;
        var metrics = _context.Metrics;
        if (metrics.Enabled)
        {
            metrics.Traffic.RecordRequest(_status, _answeredByProxy, _bytesIn, _bytesOut, totalMicros);
            _currentCluster?.Metrics.RecordRequest(_status, _answeredByProxy, _bytesIn, _bytesOut, totalMicros);
            _backend?.Metrics.RecordRequest(_status, _answeredByProxy, _bytesIn, _bytesOut, totalMicros);
            if (_serviceMicros > 0)
            {
                metrics.Traffic.ResponseTime.Record(_serviceMicros);
                _currentCluster?.Metrics.ResponseTime.Record(_serviceMicros);
                _backend?.Metrics.ResponseTime.Record(_serviceMicros);
            }
        }

        if (_context.AccessLog is { } accessLog)
        {
            WriteAccessLog(accessLog, totalMicros);
        }
    }

    private void WriteAccessLog(AccessLog accessLog, long totalMicros)
    {
        var userAgent = default(ReadOnlySpan<byte>);
        if (_headParsed && accessLog.RecordsUserAgent)
        {
            _request.TryGetHeader("User-Agent"u8, out userAgent);
        }

        accessLog.Write(new AccessLogEntry
        {
            Time = DateTime.UtcNow,
            Protocol = (Tls is null, IsHttp2Stream) switch
            {
                (true, false) => AccessLogProtocol.Http,
                (false, false) => AccessLogProtocol.Https,
                (true, true) => AccessLogProtocol.H2c,
                (false, true) => AccessLogProtocol.H2,
            },
            Tls = Tls,
            BackendAddress = _backend?.Address,
            UserAgent = userAgent,
            RequestId = _requestId,
            ClusterId = _currentCluster?.Id,
            BackendId = _backend?.Id,
            Client = _clientAddress,
            Method = _headParsed ? _request.MethodBytes : default,
            Host = _headParsed ? _request.EffectiveHost : default,
            Path = _headParsed ? _request.Target : default,
            Status = _status,
            BytesIn = _bytesIn,
            BytesOut = _bytesOut,
            ServiceMicros = _serviceMicros,
            TotalMicros = totalMicros,
        });
    }
}
