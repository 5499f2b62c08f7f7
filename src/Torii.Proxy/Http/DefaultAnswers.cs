using Torii.Protocol;

namespace Torii.Proxy.Http;

/// <summary>The answers of one listener or cluster, by status code; immutable.</summary>
public sealed class DefaultAnswers
{
    private static readonly string[] RedirectHeaders = ["Location: %REDIRECT_LOCATION"];

    public static readonly DefaultAnswers Builtin = new(new Dictionary<int, DefaultAnswer>
    {
        [301] = DefaultAnswer.Builtin(301, "Moved Permanently", RedirectHeaders),
        [302] = DefaultAnswer.Builtin(302, "Found", RedirectHeaders),
        [308] = DefaultAnswer.Builtin(308, "Permanent Redirect", RedirectHeaders),
        [400] = DefaultAnswer.Builtin(400, "Bad Request"),
        [401] = DefaultAnswer.Builtin(401, "Unauthorized", ["WWW-Authenticate: %WWW_AUTHENTICATE"]),
        [404] = DefaultAnswer.Builtin(404, "Not Found"),
        [408] = DefaultAnswer.Builtin(408, "Request Timeout"),
        [413] = DefaultAnswer.Builtin(413, "Payload Too Large"),
        [421] = DefaultAnswer.Builtin(421, "Misdirected Request"),
        [429] = DefaultAnswer.Builtin(429, "Too Many Requests"),
        [431] = DefaultAnswer.Builtin(431, "Request Header Fields Too Large"),
        [501] = DefaultAnswer.Builtin(501, "Not Implemented"),
        [502] = DefaultAnswer.Builtin(502, "Bad Gateway"),
        [503] = DefaultAnswer.Builtin(503, "Service Unavailable"),
        [504] = DefaultAnswer.Builtin(504, "Gateway Timeout"),
        [505] = DefaultAnswer.Builtin(505, "HTTP Version Not Supported"),
    });

    /// <summary>The answer when every backend stayed at its max_connections for the cluster's whole queue_timeout.</summary>
    public static readonly DefaultAnswer QueueTimeout = DefaultAnswer.Builtin(503, "Service Unavailable", detail: "no backend slot freed within queue_timeout");

    public static readonly DefaultAnswers None = new(new Dictionary<int, DefaultAnswer>());

    private readonly Dictionary<int, DefaultAnswer> _answers;

    private DefaultAnswers(Dictionary<int, DefaultAnswer> answers) => _answers = answers;

    public bool IsEmpty => _answers.Count == 0;

    public DefaultAnswer? Find(int statusCode) => _answers.GetValueOrDefault(statusCode);

    /// <summary>Listener answers: the builtin ones, overridden by the listener's own.</summary>
    public static DefaultAnswers ForListener(CustomHttpAnswers? custom, IReadOnlyDictionary<string, string> byCode)
    {
        var answers = new Dictionary<int, DefaultAnswer>(Builtin._answers);
        AddCustom(answers, custom);
        AddByCode(answers, byCode);
        return new DefaultAnswers(answers);
    }

    /// <summary>Cluster answers: only the cluster's own; the listener's apply otherwise.</summary>
    public static DefaultAnswers ForCluster(Cluster cluster)
    {
        var answers = new Dictionary<int, DefaultAnswer>();
        if (cluster.HasAnswer503)
        {
            answers[503] = Parse("answer_503", cluster.Answer503);
        }

        AddByCode(answers, cluster.Answers);
        return answers.Count == 0 ? None : new DefaultAnswers(answers);
    }

    private static void AddCustom(Dictionary<int, DefaultAnswer> answers, CustomHttpAnswers? custom)
    {
        if (custom is null)
        {
            return;
        }

        foreach (var field in CustomHttpAnswers.Descriptor.Fields.InFieldNumberOrder())
        {
            if (field.Accessor.HasValue(custom))
            {
                var code = int.Parse(field.Name.AsSpan("answer_".Length));
                answers[code] = Parse(field.Name, (string)field.Accessor.GetValue(custom));
            }
        }
    }

    private static void AddByCode(Dictionary<int, DefaultAnswer> answers, IReadOnlyDictionary<string, string> byCode)
    {
        foreach (var (code, text) in byCode)
        {
            if (!int.TryParse(code, out var status) || status < 100 || status > 599)
            {
                throw new FormatException($"answers: \"{code}\" is not an HTTP status code");
            }

            answers[status] = Parse($"answer {code}", text);
        }
    }

    private static DefaultAnswer Parse(string name, string text)
    {
        try
        {
            return DefaultAnswer.Parse(text);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{name}: {e.Message}", e);
        }
    }
}
