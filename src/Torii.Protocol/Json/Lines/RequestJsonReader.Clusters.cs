using System.Text.Json;

namespace Torii.Protocol;

internal static partial class RequestJsonReader
{
    /// <summary>A Cluster whose opening brace the reader is on.</summary>
    private static Cluster? ReadCluster(ref Utf8JsonReader reader)
    {
        var message = new Cluster();
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
            else if (reader.ValueTextEquals("sticky_session"u8))
            {
                if (!Once(ref seen, 1) || !Bool(ref reader, out bool value))
                {
                    return null;
                }

                message.StickySession = value;
            }
            else if (reader.ValueTextEquals("https_redirect"u8))
            {
                if (!Once(ref seen, 2) || !Bool(ref reader, out bool value))
                {
                    return null;
                }

                message.HttpsRedirect = value;
            }
            else if (reader.ValueTextEquals("proxy_protocol"u8))
            {
                if (!Once(ref seen, 3) || !Enum(ref reader, out ProxyProtocolConfig value))
                {
                    return null;
                }

                message.ProxyProtocol = value;
            }
            else if (reader.ValueTextEquals("load_balancing"u8))
            {
                if (!Once(ref seen, 4) || !Enum(ref reader, out LoadBalancingAlgorithms value))
                {
                    return null;
                }

                message.LoadBalancing = value;
            }
            else if (reader.ValueTextEquals("answer_503"u8))
            {
                if (!Once(ref seen, 5) || !String(ref reader, out string value))
                {
                    return null;
                }

                message.Answer503 = value;
            }
            else if (reader.ValueTextEquals("load_metric"u8))
            {
                if (!Once(ref seen, 6) || !Enum(ref reader, out LoadMetric value))
                {
                    return null;
                }

                message.LoadMetric = value;
            }
            else if (reader.ValueTextEquals("http2"u8))
            {
                if (!Once(ref seen, 7) || !Bool(ref reader, out bool value))
                {
                    return null;
                }

                message.Http2 = value;
            }
            else if (reader.ValueTextEquals("answers"u8))
            {
                if (!Once(ref seen, 8) || !StringMap(ref reader, message.Answers))
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("https_redirect_port"u8))
            {
                if (!Once(ref seen, 9) || !UInt32(ref reader, out uint value))
                {
                    return null;
                }

                message.HttpsRedirectPort = value;
            }
            else if (reader.ValueTextEquals("authorized_hashes"u8))
            {
                if (!Once(ref seen, 10) || !StringList(ref reader, message.AuthorizedHashes))
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("www_authenticate"u8))
            {
                if (!Once(ref seen, 11) || !String(ref reader, out string value))
                {
                    return null;
                }

                message.WwwAuthenticate = value;
            }
            else if (reader.ValueTextEquals("max_connections_per_ip"u8))
            {
                if (!Once(ref seen, 12) || !UInt64(ref reader, out ulong value))
                {
                    return null;
                }

                message.MaxConnectionsPerIp = value;
            }
            else if (reader.ValueTextEquals("retry_after"u8))
            {
                if (!Once(ref seen, 13) || !UInt32(ref reader, out uint value))
                {
                    return null;
                }

                message.RetryAfter = value;
            }
            else if (reader.ValueTextEquals("health_check"u8))
            {
                if (!Once(ref seen, 14) || !StartObject(ref reader) || ReadHealthCheckConfig(ref reader) is not { } value)
                {
                    return null;
                }

                message.HealthCheck = value;
            }
            else if (reader.ValueTextEquals("queue_timeout"u8))
            {
                if (!Once(ref seen, 16) || !UInt32(ref reader, out uint value))
                {
                    return null;
                }

                message.QueueTimeout = value;
            }
            else if (reader.ValueTextEquals("load_balancing_header"u8))
            {
                if (!Once(ref seen, 17) || !String(ref reader, out string value))
                {
                    return null;
                }

                message.LoadBalancingHeader = value;
            }
            else
            {
                return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject ? message : null;
    }

    /// <summary>A HealthCheckConfig whose opening brace the reader is on.</summary>
    private static HealthCheckConfig? ReadHealthCheckConfig(ref Utf8JsonReader reader)
    {
        var message = new HealthCheckConfig();
        ulong seen = 0;
        while (NextField(ref reader))
        {
            if (reader.ValueTextEquals("uri"u8))
            {
                if (!Once(ref seen, 0) || !String(ref reader, out string value))
                {
                    return null;
                }

                message.Uri = value;
            }
            else if (reader.ValueTextEquals("interval"u8))
            {
                if (!Once(ref seen, 1) || !UInt32(ref reader, out uint value))
                {
                    return null;
                }

                message.Interval = value;
            }
            else if (reader.ValueTextEquals("timeout"u8))
            {
                if (!Once(ref seen, 2) || !UInt32(ref reader, out uint value))
                {
                    return null;
                }

                message.Timeout = value;
            }
            else if (reader.ValueTextEquals("healthy_threshold"u8))
            {
                if (!Once(ref seen, 3) || !UInt32(ref reader, out uint value))
                {
                    return null;
                }

                message.HealthyThreshold = value;
            }
            else if (reader.ValueTextEquals("unhealthy_threshold"u8))
            {
                if (!Once(ref seen, 4) || !UInt32(ref reader, out uint value))
                {
                    return null;
                }

                message.UnhealthyThreshold = value;
            }
            else if (reader.ValueTextEquals("expected_status"u8))
            {
                if (!Once(ref seen, 5) || !UInt32(ref reader, out uint value))
                {
                    return null;
                }

                message.ExpectedStatus = value;
            }
            else if (reader.ValueTextEquals("kind"u8))
            {
                if (!Once(ref seen, 6) || !Enum(ref reader, out HealthCheckKind value))
                {
                    return null;
                }

                message.Kind = value;
            }
            else if (reader.ValueTextEquals("host"u8))
            {
                if (!Once(ref seen, 7) || !String(ref reader, out string value))
                {
                    return null;
                }

                message.Host = value;
            }
            else if (reader.ValueTextEquals("method"u8))
            {
                if (!Once(ref seen, 8) || !String(ref reader, out string value))
                {
                    return null;
                }

                message.Method = value;
            }
            else if (reader.ValueTextEquals("role"u8))
            {
                if (!Once(ref seen, 9) || !Enum(ref reader, out PostgresRole value))
                {
                    return null;
                }

                message.Role = value;
            }
            else if (reader.ValueTextEquals("user"u8))
            {
                if (!Once(ref seen, 10) || !String(ref reader, out string value))
                {
                    return null;
                }

                message.User = value;
            }
            else if (reader.ValueTextEquals("database"u8))
            {
                if (!Once(ref seen, 11) || !String(ref reader, out string value))
                {
                    return null;
                }

                message.Database = value;
            }
            else if (reader.ValueTextEquals("password"u8))
            {
                if (!Once(ref seen, 12) || !String(ref reader, out string value))
                {
                    return null;
                }

                message.Password = value;
            }
            else if (reader.ValueTextEquals("password_file"u8))
            {
                if (!Once(ref seen, 13) || !String(ref reader, out string value))
                {
                    return null;
                }

                message.PasswordFile = value;
            }
            else if (reader.ValueTextEquals("fail_open"u8))
            {
                if (!Once(ref seen, 14) || !Bool(ref reader, out bool value))
                {
                    return null;
                }

                message.FailOpen = value;
            }
            else
            {
                return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject ? message : null;
    }
}
