using Google.Protobuf;

namespace Torii.Protocol;

/// <summary>
/// The JSON form of protocol messages: Google.Protobuf's JSON mapping with the proto field
/// names kept (snake_case, as Sōzu prints them). Parsing accepts snake_case and lowerCamelCase
/// names and refuses unknown fields, bad enum names and trailing content.
/// </summary>
public static class ProtocolJson
{
    private static readonly JsonFormatter Formatter =
        new(JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(true));

    private static readonly JsonFormatter IndentedFormatter =
        new(JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(true).WithIndentation());

    private static readonly JsonParser Parser =
        new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    /// <summary>One line of JSON: strings escape their line breaks.</summary>
    public static string Format(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Formatter.Format(message);
    }

    /// <summary>As <see cref="Format"/>, straight into <paramref name="writer"/> without a string per message.</summary>
    public static void Write(IMessage message, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(writer);
        Formatter.Format(message, writer);
    }

    public static string FormatIndented(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return IndentedFormatter.Format(message);
    }

    /// <exception cref="MalformedJsonException">The text is not a JSON Request.</exception>
    public static Request ParseRequest(string json) => Parse<Request>(json);

    /// <exception cref="MalformedJsonException">The text is not a JSON Response.</exception>
    public static Response ParseResponse(string json) => Parse<Response>(json);

    /// <exception cref="MalformedJsonException">The text is not a JSON <typeparamref name="T"/>.</exception>
    public static T Parse<T>(string json)
        where T : IMessage, new()
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return Parser.Parse<T>(json);
        }
        catch (Exception exception) when (exception is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            throw new MalformedJsonException($"invalid JSON {typeof(T).Name}: {exception.Message}", exception);
        }
    }
}
