using System.Diagnostics;
using System.Globalization;
using System.Text;
using Torii.Proxy.Http.Answers;

namespace Torii.Proxy.Http;

/// <summary>
/// The proxy's own answers for one request: an answer without variables is sent as its fixed
/// bytes (what it cost before templates existed); one with variables, or on an HTTPS listener
/// with HSTS, is rendered into the output buffer.
/// </summary>
public sealed partial class HttpSession
{
    /// <param name="extraLine">A whole header line (with its CRLF) this answer carries for this request only, e.g. a Retry-After.</param>
    private ReadOnlyMemory<byte> Render(DefaultAnswer answer, byte[]? extraLine = null)
    {
        var hsts = _settings.Protocol == Listeners.ListenerProtocol.Https ? CurrentResponseEdits?.Hsts : null;
        if (answer.Template is null && hsts is null && extraLine is null)
        {
            return answer.Bytes;
        }

        ReadOnlySpan<byte> lines = (hsts, extraLine) switch
        {
            (null, null) => default,
            (null, _) => extraLine,
            (_, null) => hsts.Line,
            _ => [.. hsts.Line, .. extraLine],
        };
        _output.Clear();
        answer.WriteTo(_output, answer.Template is null ? null : VariablesFor(answer.StatusCode), lines);
        return _output.WrittenMemory;
    }

    private AnswerVariables VariablesFor(int status) => new()
    {
        RequestId = Encoding.ASCII.GetString(_requestId),
        ClusterId = _currentCluster?.Id ?? string.Empty,
        BackendId = _backend?.Id ?? string.Empty,
        Route = _headParsed ? $"{Encoding.Latin1.GetString(_request.MethodBytes)} {Encoding.Latin1.GetString(_request.EffectiveHost)}{Encoding.Latin1.GetString(_request.Path)}" : string.Empty,
        RedirectLocation = _redirectLocation ?? string.Empty,
        WwwAuthenticate = status == 401 ? _wwwAuthenticate ?? string.Empty : string.Empty,
        Message = AnswerMessages.For(status),
        Phase = AnswerMessages.PhaseOf(status),
        Capacity = status == 431 ? _context.Limits.MaxHeadSize.ToString(CultureInfo.InvariantCulture) : string.Empty,
        Duration = _requestActive ? $"{Stopwatch.GetElapsedTime(_requestStart).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)}ms" : string.Empty,
    };
}
