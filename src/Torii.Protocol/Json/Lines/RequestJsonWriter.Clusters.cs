namespace Torii.Protocol;

internal sealed partial class RequestJsonWriter
{
    private void Write(Cluster message)
    {
        BeginObject();
        if (message.HasClusterId)
        {
            Name("cluster_id"u8);
            StringValue(message.ClusterId);
        }

        if (message.HasStickySession)
        {
            Name("sticky_session"u8);
            BoolValue(message.StickySession);
        }

        if (message.HasHttpsRedirect)
        {
            Name("https_redirect"u8);
            BoolValue(message.HttpsRedirect);
        }

        if (message.HasProxyProtocol)
        {
            Name("proxy_protocol"u8);
            EnumValue(message.ProxyProtocol);
        }

        if (message.HasLoadBalancing)
        {
            Name("load_balancing"u8);
            EnumValue(message.LoadBalancing);
        }

        if (message.HasAnswer503)
        {
            Name("answer_503"u8);
            StringValue(message.Answer503);
        }

        if (message.HasLoadMetric)
        {
            Name("load_metric"u8);
            EnumValue(message.LoadMetric);
        }

        if (message.HasHttp2)
        {
            Name("http2"u8);
            BoolValue(message.Http2);
        }

        if (message.Answers.Count > 0)
        {
            Name("answers"u8);
            MapValue(message.Answers);
        }

        if (message.HasHttpsRedirectPort)
        {
            Name("https_redirect_port"u8);
            NumberValue(message.HttpsRedirectPort);
        }

        if (message.AuthorizedHashes.Count > 0)
        {
            Name("authorized_hashes"u8);
            ListValue(message.AuthorizedHashes);
        }

        if (message.HasWwwAuthenticate)
        {
            Name("www_authenticate"u8);
            StringValue(message.WwwAuthenticate);
        }

        if (message.HasMaxConnectionsPerIp)
        {
            Name("max_connections_per_ip"u8);
            QuotedNumberValue(message.MaxConnectionsPerIp);
        }

        if (message.HasRetryAfter)
        {
            Name("retry_after"u8);
            NumberValue(message.RetryAfter);
        }

        if (message.HealthCheck is not null)
        {
            Name("health_check"u8);
            Write(message.HealthCheck);
        }

        if (message.Udp is not null)
        {
            Fail();
        }

        if (message.HasQueueTimeout)
        {
            Name("queue_timeout"u8);
            NumberValue(message.QueueTimeout);
        }

        if (message.HasLoadBalancingHeader)
        {
            Name("load_balancing_header"u8);
            StringValue(message.LoadBalancingHeader);
        }

        EndObject();
    }

    private void Write(HealthCheckConfig message)
    {
        BeginObject();
        if (message.HasUri)
        {
            Name("uri"u8);
            StringValue(message.Uri);
        }

        if (message.HasInterval)
        {
            Name("interval"u8);
            NumberValue(message.Interval);
        }

        if (message.HasTimeout)
        {
            Name("timeout"u8);
            NumberValue(message.Timeout);
        }

        if (message.HasHealthyThreshold)
        {
            Name("healthy_threshold"u8);
            NumberValue(message.HealthyThreshold);
        }

        if (message.HasUnhealthyThreshold)
        {
            Name("unhealthy_threshold"u8);
            NumberValue(message.UnhealthyThreshold);
        }

        if (message.HasExpectedStatus)
        {
            Name("expected_status"u8);
            NumberValue(message.ExpectedStatus);
        }

        if (message.HasKind)
        {
            Name("kind"u8);
            EnumValue(message.Kind);
        }

        if (message.HasHost)
        {
            Name("host"u8);
            StringValue(message.Host);
        }

        if (message.HasMethod)
        {
            Name("method"u8);
            StringValue(message.Method);
        }

        if (message.HasRole)
        {
            Name("role"u8);
            EnumValue(message.Role);
        }

        if (message.HasUser)
        {
            Name("user"u8);
            StringValue(message.User);
        }

        if (message.HasDatabase)
        {
            Name("database"u8);
            StringValue(message.Database);
        }

        if (message.HasPassword)
        {
            Name("password"u8);
            StringValue(message.Password);
        }

        if (message.HasPasswordFile)
        {
            Name("password_file"u8);
            StringValue(message.PasswordFile);
        }

        if (message.HasFailOpen)
        {
            Name("fail_open"u8);
            BoolValue(message.FailOpen);
        }

        EndObject();
    }
}
