using System.Buffers;
using System.Text;
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

    [ThreadStatic]
    private static RequestJsonWriter? t_requestWriter;

    /// <summary>One line of JSON: strings escape their line breaks.</summary>
    public static string Format(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is Request request && RequestWriter.TryWrite(request))
        {
            return Encoding.ASCII.GetString(RequestWriter.Written);
        }

        return Formatter.Format(message);
    }

    /// <summary>As <see cref="Format"/>, as UTF-8 bytes straight into <paramref name="output"/>, then a line break.</summary>
    public static void WriteLine(Request request, Stream output)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        if (RequestWriter.TryWrite(request))
        {
            output.Write(RequestWriter.Written);
        }
        else
        {
            output.Write(Encoding.UTF8.GetBytes(Formatter.Format(request)));
        }

        output.WriteByte((byte)'\n');
    }

    private static RequestJsonWriter RequestWriter => t_requestWriter ??= new RequestJsonWriter();

    /// <summary>As <see cref="Format"/>, straight into <paramref name="writer"/> without a string per message.</summary>
    public static void Write(IMessage message, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(writer);
        if (message is Request request && RequestWriter.TryWrite(request))
        {
            writer.Write(Encoding.ASCII.GetString(RequestWriter.Written));
            return;
        }

        Formatter.Format(message, writer);
    }

    public static string FormatIndented(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return IndentedFormatter.Format(message);
    }

    /// <exception cref="MalformedJsonException">The text is not a JSON Request.</exception>
    public static Request ParseRequest(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return TryReadRequest(json) ?? Parse<Request>(json);
    }

    /// <summary>The requests of a state file without Google.Protobuf's parser, or null when it must decide.</summary>
    private static Request? TryReadRequest(string json)
    {
        const int StackBytes = 1024;
        int size = Encoding.UTF8.GetMaxByteCount(json.Length);
        byte[]? rented = size > StackBytes ? ArrayPool<byte>.Shared.Rent(size) : null;
        Span<byte> utf8 = rented ?? stackalloc byte[StackBytes];
        try
        {
            int length = Encoding.UTF8.GetBytes(json, utf8);
            return RequestJsonReader.TryRead(utf8[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

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
