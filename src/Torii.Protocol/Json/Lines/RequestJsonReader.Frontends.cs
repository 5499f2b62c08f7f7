using System.Text.Json;

namespace Torii.Protocol;

internal static partial class RequestJsonReader
{
    /// <summary>A RequestHttpFrontend whose opening brace the reader is on.</summary>
    private static RequestHttpFrontend? ReadHttpFrontend(ref Utf8JsonReader reader)
    {
        var message = new RequestHttpFrontend();
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
            else if (reader.ValueTextEquals("address"u8))
            {
                if (!Once(ref seen, 1) || !StartObject(ref reader) || ReadSocketAddress(ref reader) is not { } value)
                {
                    return null;
                }

                message.Address = value;
            }
            else if (reader.ValueTextEquals("hostname"u8))
            {
                if (!Once(ref seen, 2) || !String(ref reader, out string value))
                {
                    return null;
                }

                message.Hostname = value;
            }
            else if (reader.ValueTextEquals("path"u8))
            {
                if (!Once(ref seen, 3) || !StartObject(ref reader) || ReadPathRule(ref reader) is not { } value)
                {
                    return null;
                }

                message.Path = value;
            }
            else if (reader.ValueTextEquals("method"u8))
            {
                if (!Once(ref seen, 4) || !String(ref reader, out string value))
                {
                    return null;
                }

                message.Method = value;
            }
            else if (reader.ValueTextEquals("position"u8))
            {
                if (!Once(ref seen, 5) || !Enum(ref reader, out RulePosition value))
                {
                    return null;
                }

                message.Position = value;
            }
            else if (reader.ValueTextEquals("tags"u8))
            {
                if (!Once(ref seen, 6) || !StringMap(ref reader, message.Tags))
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("redirect"u8))
            {
                if (!Once(ref seen, 7) || !Enum(ref reader, out RedirectPolicy value))
                {
                    return null;
                }

                message.Redirect = value;
            }
            else if (reader.ValueTextEquals("required_auth"u8))
            {
                if (!Once(ref seen, 8) || !Bool(ref reader, out bool value))
                {
                    return null;
                }

                message.RequiredAuth = value;
            }
            else if (reader.ValueTextEquals("redirect_scheme"u8))
            {
                if (!Once(ref seen, 9) || !Enum(ref reader, out RedirectScheme value))
                {
                    return null;
                }

                message.RedirectScheme = value;
            }
            else if (reader.ValueTextEquals("redirect_template"u8))
            {
                if (!Once(ref seen, 10) || !String(ref reader, out string value))
                {
                    return null;
                }

                message.RedirectTemplate = value;
            }
            else if (reader.ValueTextEquals("rewrite_host"u8))
            {
                if (!Once(ref seen, 11) || !String(ref reader, out string value))
                {
                    return null;
                }

                message.RewriteHost = value;
            }
            else if (reader.ValueTextEquals("rewrite_path"u8))
            {
                if (!Once(ref seen, 12) || !String(ref reader, out string value))
                {
                    return null;
                }

                message.RewritePath = value;
            }
            else if (reader.ValueTextEquals("rewrite_port"u8))
            {
                if (!Once(ref seen, 13) || !UInt32(ref reader, out uint value))
                {
                    return null;
                }

                message.RewritePort = value;
            }
            else if (reader.ValueTextEquals("headers"u8))
            {
                if (!Once(ref seen, 14) || !reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                {
                    return null;
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.StartObject || ReadHeader(ref reader) is not { } item)
                    {
                        return null;
                    }

                    message.Headers.Add(item);
                }
            }
            else if (reader.ValueTextEquals("hsts"u8))
            {
                if (!Once(ref seen, 15) || !StartObject(ref reader) || ReadHstsConfig(ref reader) is not { } value)
                {
                    return null;
                }

                message.Hsts = value;
            }
            else
            {
                return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject ? message : null;
    }

    /// <summary>A Header whose opening brace the reader is on.</summary>
    private static Header? ReadHeader(ref Utf8JsonReader reader)
    {
        var message = new Header();
        ulong seen = 0;
        while (NextField(ref reader))
        {
            if (reader.ValueTextEquals("position"u8))
            {
                if (!Once(ref seen, 0) || !Enum(ref reader, out HeaderPosition value))
                {
                    return null;
                }

                message.Position = value;
            }
            else if (reader.ValueTextEquals("key"u8))
            {
                if (!Once(ref seen, 1) || !String(ref reader, out string value))
                {
                    return null;
                }

                message.Key = value;
            }
            else if (reader.ValueTextEquals("val"u8))
            {
                if (!Once(ref seen, 2) || !String(ref reader, out string value))
                {
                    return null;
                }

                message.Val = value;
            }
            else
            {
                return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject ? message : null;
    }

    /// <summary>A HstsConfig whose opening brace the reader is on.</summary>
    private static HstsConfig? ReadHstsConfig(ref Utf8JsonReader reader)
    {
        var message = new HstsConfig();
        ulong seen = 0;
        while (NextField(ref reader))
        {
            if (reader.ValueTextEquals("enabled"u8))
            {
                if (!Once(ref seen, 0) || !Bool(ref reader, out bool value))
                {
                    return null;
                }

                message.Enabled = value;
            }
            else if (reader.ValueTextEquals("max_age"u8))
            {
                if (!Once(ref seen, 1) || !UInt32(ref reader, out uint value))
                {
                    return null;
                }

                message.MaxAge = value;
            }
            else if (reader.ValueTextEquals("include_subdomains"u8))
            {
                if (!Once(ref seen, 2) || !Bool(ref reader, out bool value))
                {
                    return null;
                }

                message.IncludeSubdomains = value;
            }
            else if (reader.ValueTextEquals("preload"u8))
            {
                if (!Once(ref seen, 3) || !Bool(ref reader, out bool value))
                {
                    return null;
                }

                message.Preload = value;
            }
            else if (reader.ValueTextEquals("force_replace_backend"u8))
            {
                if (!Once(ref seen, 4) || !Bool(ref reader, out bool value))
                {
                    return null;
                }

                message.ForceReplaceBackend = value;
            }
            else
            {
                return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject ? message : null;
    }

    /// <summary>A RequestTcpFrontend whose opening brace the reader is on.</summary>
    private static RequestTcpFrontend? ReadTcpFrontend(ref Utf8JsonReader reader)
    {
        var message = new RequestTcpFrontend();
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
            else if (reader.ValueTextEquals("address"u8))
            {
                if (!Once(ref seen, 1) || !StartObject(ref reader) || ReadSocketAddress(ref reader) is not { } value)
                {
                    return null;
                }

                message.Address = value;
            }
            else if (reader.ValueTextEquals("tags"u8))
            {
                if (!Once(ref seen, 2) || !StringMap(ref reader, message.Tags))
                {
                    return null;
                }
            }
            else
            {
                return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject ? message : null;
    }

    /// <summary>A PathRule whose opening brace the reader is on.</summary>
    private static PathRule? ReadPathRule(ref Utf8JsonReader reader)
    {
        var message = new PathRule();
        ulong seen = 0;
        while (NextField(ref reader))
        {
            if (reader.ValueTextEquals("kind"u8))
            {
                if (!Once(ref seen, 0) || !Enum(ref reader, out PathRuleKind value))
                {
                    return null;
                }

                message.Kind = value;
            }
            else if (reader.ValueTextEquals("value"u8))
            {
                if (!Once(ref seen, 1) || !String(ref reader, out string value))
                {
                    return null;
                }

                message.Value = value;
            }
            else
            {
                return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject ? message : null;
    }
}
