using System.Text;
using Google.Protobuf;
using Torii.Protocol;

namespace Torii.Connectors.Applying;

/// <summary>
/// A message body is one Request: protobuf bytes (what Sōzu's connectors send), or its JSON form when the
/// content type is application/json.
/// </summary>
public static class RequestDecoder
{
    public const string JsonContentType = "application/json";

    public const string ProtobufContentType = "application/x-protobuf";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static DecodedRequest Decode(ReadOnlyMemory<byte> body, string? contentType)
    {
        Request request;
        if (IsJson(contentType))
        {
            try
            {
                request = ProtocolJson.ParseRequest(StrictUtf8.GetString(body.Span));
            }
            catch (DecoderFallbackException)
            {
                return DecodedRequest.Undecodable("the JSON body is not valid UTF-8");
            }
            catch (MalformedJsonException exception)
            {
                return DecodedRequest.Undecodable(exception.Message);
            }
        }
        else
        {
            try
            {
                request = Request.Parser.ParseFrom(body.Span);
            }
            // IndexOutOfRangeException: Google.Protobuf's answer to a nested length near int.MaxValue (protobuf issue 26856).
            catch (Exception exception) when (exception is InvalidProtocolBufferException or IndexOutOfRangeException)
            {
                return DecodedRequest.Undecodable($"invalid protobuf Request: {exception.Message}");
            }
        }

        return request.RequestTypeCase == Request.RequestTypeOneofCase.None
            ? DecodedRequest.Undecodable("the message holds no request")
            : DecodedRequest.Of(request);
    }

    /// <summary>application/json, in any case, with or without parameters such as charset.</summary>
    public static bool IsJson(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return false;
        }

        int parameters = contentType.IndexOf(';', StringComparison.Ordinal);
        ReadOnlySpan<char> mediaType = (parameters < 0 ? contentType : contentType[..parameters]).AsSpan().Trim();
        return mediaType.Equals(JsonContentType, StringComparison.OrdinalIgnoreCase);
    }
}
