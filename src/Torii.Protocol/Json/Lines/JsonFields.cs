using Google.Protobuf.Collections;
using System.Text.Json;

namespace Torii.Protocol;

/// <summary>Fields by the JSON kind of their value: strings, booleans, 32-bit and 64-bit integers, enums, messages, maps, lists.</summary>
internal static class JsonFields
{
    public static JsonField<T> Text<T>(string name, Func<T, bool> has, Func<T, string> get, Action<T, string> set, bool oneof = false) =>
        new(name, has, (writer, message) => writer.StringValue(get(message)), (ref Utf8JsonReader reader, T message) => Set(RequestJsonReader.String(ref reader, out string value), message, value, set), oneof);

    public static JsonField<T> Flag<T>(string name, Func<T, bool> has, Func<T, bool> get, Action<T, bool> set) =>
        new(name, has, (writer, message) => writer.BoolValue(get(message)), (ref Utf8JsonReader reader, T message) => Set(RequestJsonReader.Bool(ref reader, out bool value), message, value, set));

    public static JsonField<T> UInt32<T>(string name, Func<T, bool> has, Func<T, uint> get, Action<T, uint> set, bool oneof = false) =>
        new(name, has, (writer, message) => writer.NumberValue(get(message)), (ref Utf8JsonReader reader, T message) => Set(RequestJsonReader.UInt32(ref reader, out uint value), message, value, set), oneof);

    public static JsonField<T> Int32<T>(string name, Func<T, bool> has, Func<T, int> get, Action<T, int> set) =>
        new(name, has, (writer, message) => writer.NumberValue(get(message)), (ref Utf8JsonReader reader, T message) => Set(RequestJsonReader.Int32(ref reader, out int value), message, value, set));

    /// <summary>A 64-bit integer: a string of digits, as the JSON mapping writes it.</summary>
    public static JsonField<T> UInt64<T>(string name, Func<T, bool> has, Func<T, ulong> get, Action<T, ulong> set) =>
        new(name, has, (writer, message) => writer.QuotedNumberValue(get(message)), (ref Utf8JsonReader reader, T message) => Set(RequestJsonReader.UInt64(ref reader, out ulong value), message, value, set));

    public static JsonField<T> Enum<T, TEnum>(string name, Func<T, bool> has, Func<T, TEnum> get, Action<T, TEnum> set)
        where TEnum : struct, System.Enum =>
        new(name, has, (writer, message) => writer.EnumValue(get(message)), (ref Utf8JsonReader reader, T message) => Set(RequestJsonReader.Enum(ref reader, out TEnum value), message, value, set));

    public static JsonField<T> Message<T, TField>(string name, JsonField<TField>[] fields, Func<T, TField?> get, Action<T, TField> set, bool oneof = false)
        where TField : class, new() =>
        new(
            name,
            message => get(message) is not null,
            (writer, message) => writer.WriteMessage(get(message)!, fields),
            (ref Utf8JsonReader reader, T message) =>
            {
                if (!RequestJsonReader.StartObject(ref reader) || RequestJsonReader.ReadMessage(ref reader, fields) is not { } value)
                {
                    return false;
                }

                set(message, value);
                return true;
            },
            oneof);

    public static JsonField<T> Map<T>(string name, Func<T, MapField<string, string>> get) =>
        new(name, message => get(message).Count > 0, (writer, message) => writer.MapValue(get(message)), (ref Utf8JsonReader reader, T message) => RequestJsonReader.StringMap(ref reader, get(message)));

    public static JsonField<T> TextList<T>(string name, Func<T, RepeatedField<string>> get) =>
        new(name, message => get(message).Count > 0, (writer, message) => writer.ListValue(get(message)), (ref Utf8JsonReader reader, T message) => RequestJsonReader.StringList(ref reader, get(message)));

    public static JsonField<T> MessageList<T, TItem>(string name, JsonField<TItem>[] fields, Func<T, RepeatedField<TItem>> get)
        where TItem : class, new() =>
        new(name, message => get(message).Count > 0, (writer, message) => writer.ListValue(get(message), fields), (ref Utf8JsonReader reader, T message) => RequestJsonReader.MessageList(ref reader, fields, get(message)));

    /// <summary>A field Torii refuses (Sōzu's UDP settings): a message that has it is left to Google.Protobuf both ways.</summary>
    public static JsonField<T> Refused<T>(string name, Func<T, bool> has) =>
        new(name, has, (writer, _) => writer.Fail(), (ref Utf8JsonReader _, T _) => false);

    private static bool Set<T, TValue>(bool read, T message, TValue value, Action<T, TValue> set)
    {
        if (read)
        {
            set(message, value);
        }

        return read;
    }
}
