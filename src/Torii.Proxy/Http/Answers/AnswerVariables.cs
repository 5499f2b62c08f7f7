namespace Torii.Proxy.Http.Answers;

/// <summary>
/// The values an answer's template variables take for one request. Built only when the answer
/// has variables. SUCCESSFULLY_PARSED, PARTIALLY_PARSED and INVALID render empty: echoing a
/// client's raw bytes back into a page is what they would mean, and Torii does not.
/// </summary>
public sealed class AnswerVariables
{
    public string RequestId { get; init; } = string.Empty;

    public string ClusterId { get; init; } = string.Empty;

    public string BackendId { get; init; } = string.Empty;

    /// <summary>Method, authority and path, as Sōzu's %ROUTE.</summary>
    public string Route { get; init; } = string.Empty;

    public string RedirectLocation { get; init; } = string.Empty;

    /// <summary>The whole WWW-Authenticate value, e.g. Basic realm="app"; empty elides the header line.</summary>
    public string WwwAuthenticate { get; init; } = string.Empty;

    public string Message { get; init; } = string.Empty;

    public string Phase { get; init; } = string.Empty;

    public string Capacity { get; init; } = string.Empty;

    public string Duration { get; init; } = string.Empty;

    public string ValueOf(AnswerVariable variable) => variable switch
    {
        AnswerVariable.RequestId => RequestId,
        AnswerVariable.ClusterId => ClusterId,
        AnswerVariable.BackendId => BackendId,
        AnswerVariable.Route => Route,
        AnswerVariable.RedirectLocation => RedirectLocation,
        AnswerVariable.WwwAuthenticate => WwwAuthenticate,
        AnswerVariable.Message => Message,
        AnswerVariable.Phase => Phase,
        AnswerVariable.Capacity => Capacity,
        AnswerVariable.Duration => Duration,
        _ => string.Empty,
    };
}
