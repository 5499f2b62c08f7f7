using System.Text.Json;

namespace Torii.Protocol;

internal static partial class RequestJsonReader
{
    /// <summary>A SocketAddress whose opening brace the reader is on.</summary>
    private static SocketAddress? ReadSocketAddress(ref Utf8JsonReader reader)
    {
        var message = new SocketAddress();
        ulong seen = 0;
        while (NextField(ref reader))
        {
            if (reader.ValueTextEquals("ip"u8))
            {
                if (!Once(ref seen, 0) || !StartObject(ref reader) || ReadIpAddress(ref reader) is not { } value)
                {
                    return null;
                }

                message.Ip = value;
            }
            else if (reader.ValueTextEquals("port"u8))
            {
                if (!Once(ref seen, 1) || !UInt32(ref reader, out uint value))
                {
                    return null;
                }

                message.Port = value;
            }
            else
            {
                return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject ? message : null;
    }

    /// <summary>A IpAddress whose opening brace the reader is on.</summary>
    private static IpAddress? ReadIpAddress(ref Utf8JsonReader reader)
    {
        var message = new IpAddress();
        ulong seen = 0;
        while (NextField(ref reader))
        {
            if (reader.ValueTextEquals("v4"u8))
            {
                if (!Once(ref seen, 0) || !UInt32(ref reader, out uint value))
                {
                    return null;
                }

                message.V4 = value;
            }
            else if (reader.ValueTextEquals("v6"u8))
            {
                if (!Once(ref seen, 0) || !StartObject(ref reader) || ReadUint128(ref reader) is not { } value)
                {
                    return null;
                }

                message.V6 = value;
            }
            else
            {
                return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject ? message : null;
    }

    /// <summary>A Uint128 whose opening brace the reader is on.</summary>
    private static Uint128? ReadUint128(ref Utf8JsonReader reader)
    {
        var message = new Uint128();
        ulong seen = 0;
        while (NextField(ref reader))
        {
            if (reader.ValueTextEquals("low"u8))
            {
                if (!Once(ref seen, 0) || !UInt64(ref reader, out ulong value))
                {
                    return null;
                }

                message.Low = value;
            }
            else if (reader.ValueTextEquals("high"u8))
            {
                if (!Once(ref seen, 1) || !UInt64(ref reader, out ulong value))
                {
                    return null;
                }

                message.High = value;
            }
            else
            {
                return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject ? message : null;
    }
}
