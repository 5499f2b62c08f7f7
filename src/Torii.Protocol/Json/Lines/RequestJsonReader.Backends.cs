using System.Text.Json;

namespace Torii.Protocol;

internal static partial class RequestJsonReader
{
    /// <summary>A AddBackend whose opening brace the reader is on.</summary>
    private static AddBackend? ReadBackend(ref Utf8JsonReader reader)
    {
        var message = new AddBackend();
        ulong seen = 0;
        while (NextField(ref reader))
        {
            if (reader.ValueTextEquals("cluster_id"u8))
            {
                if (!Once(ref seen, 0) || !String(ref reader, out string value))
                {
                    return null;
                }

                message.ClusterId = value;
            }
            else if (reader.ValueTextEquals("backend_id"u8))
            {
                if (!Once(ref seen, 1) || !String(ref reader, out string value))
                {
                    return null;
                }

                message.BackendId = value;
            }
            else if (reader.ValueTextEquals("address"u8))
            {
                if (!Once(ref seen, 2) || !StartObject(ref reader) || ReadSocketAddress(ref reader) is not { } value)
                {
                    return null;
                }

                message.Address = value;
            }
            else if (reader.ValueTextEquals("sticky_id"u8))
            {
                if (!Once(ref seen, 3) || !String(ref reader, out string value))
                {
                    return null;
                }

                message.StickyId = value;
            }
            else if (reader.ValueTextEquals("load_balancing_parameters"u8))
            {
                if (!Once(ref seen, 4) || !StartObject(ref reader) || ReadLoadBalancingParams(ref reader) is not { } value)
                {
                    return null;
                }

                message.LoadBalancingParameters = value;
            }
            else if (reader.ValueTextEquals("backup"u8))
            {
                if (!Once(ref seen, 5) || !Bool(ref reader, out bool value))
                {
                    return null;
                }

                message.Backup = value;
            }
            else if (reader.ValueTextEquals("max_connections"u8))
            {
                if (!Once(ref seen, 6) || !UInt32(ref reader, out uint value))
                {
                    return null;
                }

                message.MaxConnections = value;
            }
            else
            {
                return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject ? message : null;
    }

    /// <summary>A LoadBalancingParams whose opening brace the reader is on.</summary>
    private static LoadBalancingParams? ReadLoadBalancingParams(ref Utf8JsonReader reader)
    {
        var message = new LoadBalancingParams();
        ulong seen = 0;
        while (NextField(ref reader))
        {
            if (reader.ValueTextEquals("weight"u8))
            {
                if (!Once(ref seen, 0) || !Int32(ref reader, out int value))
                {
                    return null;
                }

                message.Weight = value;
            }
            else
            {
                return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject ? message : null;
    }

    /// <summary>A RemoveBackend whose opening brace the reader is on.</summary>
    private static RemoveBackend? ReadRemoveBackend(ref Utf8JsonReader reader)
    {
        var message = new RemoveBackend();
        ulong seen = 0;
        while (NextField(ref reader))
        {
            if (reader.ValueTextEquals("cluster_id"u8))
            {
                if (!Once(ref seen, 0) || !String(ref reader, out string value))
                {
                    return null;
                }

                message.ClusterId = value;
            }
            else if (reader.ValueTextEquals("backend_id"u8))
            {
                if (!Once(ref seen, 1) || !String(ref reader, out string value))
                {
                    return null;
                }

                message.BackendId = value;
            }
            else if (reader.ValueTextEquals("address"u8))
            {
                if (!Once(ref seen, 2) || !StartObject(ref reader) || ReadSocketAddress(ref reader) is not { } value)
                {
                    return null;
                }

                message.Address = value;
            }
            else
            {
                return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject ? message : null;
    }
}
