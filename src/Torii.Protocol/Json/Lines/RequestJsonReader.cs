using System.Text.Json;

namespace Torii.Protocol;

/// <summary>
/// Reads the JSON requests a state file holds (clusters, frontends, backends and their removal) straight into
/// protocol objects, several times faster than Google.Protobuf's reflective parser (bench/run.sh scenario s).
/// It gives up, returning null, on anything it does not read exactly as that parser would: other request
/// types, lowerCamelCase names, numbers written as strings, nulls, repeated keys, malformed JSON. The caller
/// then parses the line with Google.Protobuf, so what is accepted or refused, and why, does not change.
/// </summary>
internal static partial class RequestJsonReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 16 };

    public static Request? TryRead(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName)
            {
                return null;
            }

            Request? request = ReadRequestType(ref reader);
            // One field only: a second one of the oneof is an error Google.Protobuf words.
            if (request is null || !reader.Read() || reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return null;
            }

            return request;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static Request? ReadRequestType(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("add_cluster"u8))
        {
            return StartObject(ref reader) && ReadCluster(ref reader) is { } cluster ? new Request { AddCluster = cluster } : null;
        }

        if (reader.ValueTextEquals("add_http_frontend"u8))
        {
            return StartObject(ref reader) && ReadHttpFrontend(ref reader) is { } frontend ? new Request { AddHttpFrontend = frontend } : null;
        }

        if (reader.ValueTextEquals("add_https_frontend"u8))
        {
            return StartObject(ref reader) && ReadHttpFrontend(ref reader) is { } frontend ? new Request { AddHttpsFrontend = frontend } : null;
        }

        if (reader.ValueTextEquals("add_tcp_frontend"u8))
        {
            return StartObject(ref reader) && ReadTcpFrontend(ref reader) is { } frontend ? new Request { AddTcpFrontend = frontend } : null;
        }

        if (reader.ValueTextEquals("add_backend"u8))
        {
            return StartObject(ref reader) && ReadBackend(ref reader) is { } backend ? new Request { AddBackend = backend } : null;
        }

        if (reader.ValueTextEquals("remove_backend"u8))
        {
            return StartObject(ref reader) && ReadRemoveBackend(ref reader) is { } backend ? new Request { RemoveBackend = backend } : null;
        }

        if (reader.ValueTextEquals("remove_http_frontend"u8))
        {
            return StartObject(ref reader) && ReadHttpFrontend(ref reader) is { } frontend ? new Request { RemoveHttpFrontend = frontend } : null;
        }

        if (reader.ValueTextEquals("remove_https_frontend"u8))
        {
            return StartObject(ref reader) && ReadHttpFrontend(ref reader) is { } frontend ? new Request { RemoveHttpsFrontend = frontend } : null;
        }

        if (reader.ValueTextEquals("remove_tcp_frontend"u8))
        {
            return StartObject(ref reader) && ReadTcpFrontend(ref reader) is { } frontend ? new Request { RemoveTcpFrontend = frontend } : null;
        }

        if (reader.ValueTextEquals("remove_cluster"u8))
        {
            return String(ref reader, out string id) ? new Request { RemoveCluster = id } : null;
        }

        return null;
    }

    /// <summary>Moves to the next property of an object whose start or previous value the reader is on; false at its end.</summary>
    private static bool NextField(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>Marks field <paramref name="index"/> as seen; false if it already was: a repeated key is left to Google.Protobuf.</summary>
    private static bool Once(ref ulong seen, int index)
    {
        ulong bit = 1UL << index;
        if ((seen & bit) != 0)
        {
            return false;
        }

        seen |= bit;
        return true;
    }

    private static bool StartObject(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.StartObject;

    private static bool String(ref Utf8JsonReader reader, out string value)
    {
        if (reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            value = reader.GetString()!;
            return true;
        }

        value = string.Empty;
        return false;
    }

    private static bool Bool(ref Utf8JsonReader reader, out bool value)
    {
        reader.Read();
        value = reader.TokenType == JsonTokenType.True;
        return reader.TokenType is JsonTokenType.True or JsonTokenType.False;
    }

    /// <summary>A JSON integer written as digits only: Google.Protobuf reads other spellings (1.0, 1e0, "1") its own way.</summary>
    private static bool UInt32(ref Utf8JsonReader reader, out uint value)
    {
        value = 0;
        return reader.Read() && reader.TokenType == JsonTokenType.Number && Digits(reader.ValueSpan, signed: false) && reader.TryGetUInt32(out value);
    }

    private static bool Int32(ref Utf8JsonReader reader, out int value)
    {
        value = 0;
        return reader.Read() && reader.TokenType == JsonTokenType.Number && Digits(reader.ValueSpan, signed: true) && reader.TryGetInt32(out value);
    }

    /// <summary>A 64-bit integer as the JSON mapping writes it: a string of digits.</summary>
    private static bool UInt64(ref Utf8JsonReader reader, out ulong value)
    {
        value = 0;
        return reader.Read() && reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && Digits(reader.ValueSpan, signed: false)
            && (reader.ValueSpan.Length == 1 || reader.ValueSpan[0] != (byte)'0')
            && System.Buffers.Text.Utf8Parser.TryParse(reader.ValueSpan, out value, out int consumed) && consumed == reader.ValueSpan.Length;
    }

    private static bool Digits(ReadOnlySpan<byte> text, bool signed)
    {
        if (signed && text.Length > 1 && text[0] == (byte)'-')
        {
            text = text[1..];
        }

        if (text.IsEmpty)
        {
            return false;
        }

        foreach (byte b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return true;
    }

    private static bool Enum<T>(ref Utf8JsonReader reader, out T value)
        where T : struct, System.Enum
    {
        value = default;
        return reader.Read() && reader.TokenType == JsonTokenType.String && ProtoEnumNames<T>.Instance.TryParse(ref reader, out value);
    }

    private static bool StringMap(ref Utf8JsonReader reader, Google.Protobuf.Collections.MapField<string, string> map)
    {
        if (!StartObject(ref reader))
        {
            return false;
        }

        while (NextField(ref reader))
        {
            string key = reader.GetString()!;
            if (map.ContainsKey(key) || !String(ref reader, out string value))
            {
                return false;
            }

            map.Add(key, value);
        }

        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool StringList(ref Utf8JsonReader reader, Google.Protobuf.Collections.RepeatedField<string> list)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            list.Add(reader.GetString()!);
        }

        return reader.TokenType == JsonTokenType.EndArray;
    }
}
