using Google.Protobuf.Collections;
using Torii.Protocol;

namespace Torii.Config.Loading;

/// <summary>
/// Reads custom HTTP answers: answer_NNN keys and an "answers" table of status code to file path.
/// The files hold complete HTTP responses; their contents go into the request.
/// </summary>
internal static class HttpAnswersReader
{
    public const string AnswersKey = "answers";

    private static readonly (string Key, Action<CustomHttpAnswers, string> Set)[] AnswerKeys =
    [
        ("answer_301", (answers, text) => answers.Answer301 = text),
        ("answer_400", (answers, text) => answers.Answer400 = text),
        ("answer_401", (answers, text) => answers.Answer401 = text),
        ("answer_404", (answers, text) => answers.Answer404 = text),
        ("answer_408", (answers, text) => answers.Answer408 = text),
        ("answer_413", (answers, text) => answers.Answer413 = text),
        ("answer_421", (answers, text) => answers.Answer421 = text),
        ("answer_429", (answers, text) => answers.Answer429 = text),
        ("answer_502", (answers, text) => answers.Answer502 = text),
        ("answer_503", (answers, text) => answers.Answer503 = text),
        ("answer_504", (answers, text) => answers.Answer504 = text),
        ("answer_507", (answers, text) => answers.Answer507 = text),
    ];

    public static IEnumerable<string> Keys => AnswerKeys.Select(answer => answer.Key);

    /// <summary>The answer_NNN files, or null when none is given.</summary>
    public static CustomHttpAnswers? ReadCustomAnswers(ConfigSection section, ConfigFileReader files)
    {
        CustomHttpAnswers? answers = null;
        foreach (var (key, set) in AnswerKeys)
        {
            if (files.ReadText(section, key) is { } text)
            {
                set(answers ??= new CustomHttpAnswers(), text);
            }
        }

        return answers;
    }

    /// <summary>Fills <paramref name="target"/> from the "answers" table (status code = "file path").</summary>
    public static void ReadAnswerMap(ConfigSection section, ConfigFileReader files, MapField<string, string> target)
    {
        foreach (var (code, path, position) in section.StringTable(AnswersKey) ?? [])
        {
            if (code.Length != 3 || !code.All(char.IsAsciiDigit) || code[0] is < '1' or > '5')
            {
                throw new ConfigException(position, $"'{AnswersKey}' keys must be HTTP status codes from 100 to 599, found '{code}'");
            }

            target[code] = files.ReadText(path, position, $"{AnswersKey}.{code}");
        }
    }
}
