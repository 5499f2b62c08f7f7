namespace Torii.Proxy.Http.Answers;

/// <summary>Template spelling of each <see cref="AnswerVariable"/>, without the leading '%'.</summary>
public static class AnswerVariableNames
{
    public static readonly IReadOnlyDictionary<string, AnswerVariable> ByName = new Dictionary<string, AnswerVariable>(StringComparer.Ordinal)
    {
        ["REQUEST_ID"] = AnswerVariable.RequestId,
        ["CLUSTER_ID"] = AnswerVariable.ClusterId,
        ["BACKEND_ID"] = AnswerVariable.BackendId,
        ["ROUTE"] = AnswerVariable.Route,
        ["REDIRECT_LOCATION"] = AnswerVariable.RedirectLocation,
        ["WWW_AUTHENTICATE"] = AnswerVariable.WwwAuthenticate,
        ["MESSAGE"] = AnswerVariable.Message,
        ["PHASE"] = AnswerVariable.Phase,
        ["SUCCESSFULLY_PARSED"] = AnswerVariable.SuccessfullyParsed,
        ["PARTIALLY_PARSED"] = AnswerVariable.PartiallyParsed,
        ["INVALID"] = AnswerVariable.Invalid,
        ["CAPACITY"] = AnswerVariable.Capacity,
        ["DURATION"] = AnswerVariable.Duration,
    };

    public static string Known => string.Join(", ", ByName.Keys.Select(name => "%" + name));
}
