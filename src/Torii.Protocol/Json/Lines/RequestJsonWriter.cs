using System.Buffers.Text;
using Google.Protobuf.Collections;

namespace Torii.Protocol;

/// <summary>
/// Writes the requests a state file holds (clusters, frontends, backends and their removal) byte for byte as
/// Google.Protobuf's JsonFormatter does (proto names, <c>{ "a": 1, "b": "x" }</c> spacing, fields in number order,
/// those present only, enums by name, 64-bit integers as strings), without its reflection (bench/run.sh scenario s:
/// `state save` of 300,000 requests). It gives up on what it does not write exactly as the formatter would: other
/// request types, a string that needs escaping, an enum number without a name; <see cref="TryWrite"/> is false and
/// the caller formats that request with Google.Protobuf. One instance per thread: it keeps its buffer.
/// </summary>
internal sealed class RequestJsonWriter
{
    private byte[] _buffer = new byte[1024];
    private int _length;
    private bool _first;
    private bool _failed;

    /// <summary>The line of the last successful <see cref="TryWrite"/>, without a line break; ASCII only.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public bool TryWrite(Request request)
    {
        _length = 0;
        _failed = false;
        if (!Array.Exists(RequestJsonFields.RequestFields, field => field.Has(request)))
        {
            return false;
        }

        WriteMessage(request, RequestJsonFields.RequestFields);
        return !_failed;
    }

    internal void WriteMessage<T>(T message, JsonField<T>[] fields)
    {
        BeginObject();
        foreach (JsonField<T> field in fields)
        {
            if (field.Has(message))
            {
                Name(field.Name);
                field.Write(this, message);
            }
        }

        EndObject();
    }

    internal void Fail() => _failed = true;

    private void BeginObject()
    {
        Raw("{"u8);
        _first = true;
    }

    // "{" then " }" is the formatter's empty object, "{ }".
    private void EndObject()
    {
        Raw(" }"u8);
        _first = false;
    }

    private void Name(ReadOnlySpan<byte> name)
    {
        Raw(_first ? " \""u8 : ", \""u8);
        Raw(name);
        Raw("\": "u8);
        _first = false;
    }

    internal void StringValue(string value)
    {
        Reserve(value.Length + 2);
        _buffer[_length++] = (byte)'"';
        foreach (char c in value)
        {
            if (!Plain(c))
            {
                Fail();
                return;
            }

            _buffer[_length++] = (byte)c;
        }

        _buffer[_length++] = (byte)'"';
    }

    /// <summary>
    /// Printable ASCII that no JSON writer escapes. Anything else (controls, quotes, backslashes, non-ASCII, and
    /// the HTML-sensitive characters some formatters escape) is left to Google.Protobuf, whose escaping is the rule.
    /// </summary>
    private static bool Plain(char c) => c is >= ' ' and <= '~' and not ('"' or '\\' or '<' or '>' or '&' or '\'' or '=' or '`');

    internal void BoolValue(bool value) => Raw(value ? "true"u8 : "false"u8);

    internal void NumberValue(long value)
    {
        Reserve(20);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out int written);
        _length += written;
    }

    internal void QuotedNumberValue(ulong value)
    {
        Reserve(22);
        _buffer[_length++] = (byte)'"';
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out int written);
        _length += written;
        _buffer[_length++] = (byte)'"';
    }

    internal void EnumValue<T>(T value)
        where T : struct, Enum
    {
        if (!ProtoEnumNames<T>.Instance.TryGetName(value, out byte[] name))
        {
            Fail();
            return;
        }

        Raw("\""u8);
        Raw(name);
        Raw("\""u8);
    }

    internal void MapValue(MapField<string, string> map)
    {
        BeginObject();
        foreach (KeyValuePair<string, string> pair in map)
        {
            Raw(_first ? " "u8 : ", "u8);
            StringValue(pair.Key);
            Raw(": "u8);
            StringValue(pair.Value);
            _first = false;
        }

        EndObject();
    }

    internal void ListValue(RepeatedField<string> list)
    {
        Raw("[ "u8);
        for (int i = 0; i < list.Count; i++)
        {
            if (i > 0)
            {
                Raw(", "u8);
            }

            StringValue(list[i]);
        }

        Raw(" ]"u8);
    }

    internal void ListValue<T>(RepeatedField<T> list, JsonField<T>[] fields)
    {
        Raw("[ "u8);
        for (int i = 0; i < list.Count; i++)
        {
            if (i > 0)
            {
                Raw(", "u8);
            }

            WriteMessage(list[i], fields);
        }

        Raw(" ]"u8);
    }

    private void Raw(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        }
    }
}
