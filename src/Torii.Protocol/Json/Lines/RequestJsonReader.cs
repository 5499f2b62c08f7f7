using System.Text.Json;

namespace Torii.Protocol;

/// <summary>
/// Reads the JSON requests a state file holds (clusters, frontends, backends and their removal) straight into
/// protocol objects, several times faster than Google.Protobuf's reflective parser (bench/run.sh scenario s), by
/// the field tables of <see cref="RequestJsonFields"/>. It gives up, returning null, on anything it does not read
/// exactly as that parser would: other request types, lowerCamelCase names, numbers written as strings, nulls,
/// repeated keys, malformed JSON. The caller then parses the line with Google.Protobuf, so what is accepted or
/// refused, and why, does not change.
/// </summary>
internal static class RequestJsonReader
{
    private const int OneofSlot = 63;

    private static readonly JsonReaderOptions Options = new() { MaxDepth = 16 };

    public static Request? TryRead(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, Options);
            if (!StartObject(ref reader) || ReadMessage(ref reader, RequestJsonFields.RequestFields) is not { } request
                || request.RequestTypeCase == Request.RequestTypeOneofCase.None || reader.Read())
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

    /// <summary>A message whose opening brace the reader is on, to its closing brace; null at a name it does not know.</summary>
    internal static T? ReadMessage<T>(ref Utf8JsonReader reader, JsonField<T>[] fields)
        where T : class, new()
    {
        var message = new T();
        ulong seen = 0;
        while (NextField(ref reader))
        {
            int index = Find(ref reader, fields);
            if (index < 0 || !Once(ref seen, fields[index].InOneof ? OneofSlot : index) || !fields[index].Read(ref reader, message))
            {
                return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject ? message : null;
    }

    internal static bool MessageList<T>(ref Utf8JsonReader reader, JsonField<T>[] fields, Google.Protobuf.Collections.RepeatedField<T> list)
        where T : class, new()
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            if (ReadMessage(ref reader, fields) is not { } item)
            {
                return false;
            }

            list.Add(item);
        }

        return reader.TokenType == JsonTokenType.EndArray;
    }

    private static int Find<T>(ref Utf8JsonReader reader, JsonField<T>[] fields)
    {
        for (int i = 0; i < fields.Length; i++)
        {
            if (reader.ValueTextEquals(fields[i].Name))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Moves to the next property of an object whose start or previous value the reader is on; false at its end.</summary>
    internal static bool NextField(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>Marks field <paramref name="index"/> as seen; false if it already was: a repeated key is left to Google.Protobuf.</summary>
    internal static bool Once(ref ulong seen, int index)
    {
        ulong bit = 1UL << index;
        if ((seen & bit) != 0)
        {
            return false;
        }

        seen |= bit;
        return true;
    }

    internal static bool StartObject(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.StartObject;

    internal static bool String(ref Utf8JsonReader reader, out string value)
    {
        if (reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            value = reader.GetString()!;
            return true;
        }

        value = string.Empty;
        return false;
    }

    internal static bool Bool(ref Utf8JsonReader reader, out bool value)
    {
        reader.Read();
        value = reader.TokenType == JsonTokenType.True;
        return reader.TokenType is JsonTokenType.True or JsonTokenType.False;
    }

    /// <summary>A JSON integer written as digits only: Google.Protobuf reads other spellings (1.0, 1e0, "1") its own way.</summary>
    internal static bool UInt32(ref Utf8JsonReader reader, out uint value)
    {
        value = 0;
        return reader.Read() && reader.TokenType == JsonTokenType.Number && Digits(reader.ValueSpan, signed: false) && reader.TryGetUInt32(out value);
    }

    internal static bool Int32(ref Utf8JsonReader reader, out int value)
    {
        value = 0;
        return reader.Read() && reader.TokenType == JsonTokenType.Number && Digits(reader.ValueSpan, signed: true) && reader.TryGetInt32(out value);
    }

    /// <summary>A 64-bit integer as the JSON mapping writes it: a string of digits.</summary>
    internal static bool UInt64(ref Utf8JsonReader reader, out ulong value)
    {
        value = 0;
        return reader.Read() && reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && Digits(reader.ValueSpan, signed: false)
            && (reader.ValueSpan.Length == 1 || reader.ValueSpan[0] != (byte)'0')
            && System.Buffers.Text.Utf8Parser.TryParse(reader.ValueSpan, out value, out int consumed) && consumed == reader.ValueSpan.Length;
    }

    internal static bool Digits(ReadOnlySpan<byte> text, bool signed)
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

    internal static bool Enum<T>(ref Utf8JsonReader reader, out T value)
        where T : struct, System.Enum
    {
        value = default;
        return reader.Read() && reader.TokenType == JsonTokenType.String && ProtoEnumNames<T>.Instance.TryParse(ref reader, out value);
    }

    internal static bool StringMap(ref Utf8JsonReader reader, Google.Protobuf.Collections.MapField<string, string> map)
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

    internal static bool StringList(ref Utf8JsonReader reader, Google.Protobuf.Collections.RepeatedField<string> list)
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
