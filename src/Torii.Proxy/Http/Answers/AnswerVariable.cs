namespace Torii.Proxy.Http.Answers;

/// <summary>The %VARIABLES an answer template may carry, as Sōzu names them.</summary>
public enum AnswerVariable
{
    RequestId,
    ClusterId,
    BackendId,
    Route,
    RedirectLocation,
    WwwAuthenticate,
    Message,
    Phase,
    SuccessfullyParsed,
    PartiallyParsed,
    Invalid,
    Capacity,
    Duration,
}
